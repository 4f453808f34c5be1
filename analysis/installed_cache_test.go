package analysis_test

import "github.com/wix-events-ls/wix-events-ls/catalog/installed"

// The fixtures' installed packages (testdata/cli/installed.txtar) are read
// without the on-disk cache: tests must not write to the user cache folder.
func init() { installed.SetCacheDir("") }
