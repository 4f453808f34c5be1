//go:build !unix

package installed

import "os"

// openNoBlock opens a resolved path for reading; the caller checks that it
// is a regular file before reading.
func openNoBlock(p string) (*os.File, error) { return os.Open(p) }
