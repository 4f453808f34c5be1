//go:build !linux

package index

import "os"

// openNoFollow is not used where openedPath cannot answer.
func openNoFollow(path string) (*os.File, error) { return nil, os.ErrInvalid }

// openedPath: no portable way to ask which file is open; readInside
// resolves the name instead.
func openedPath(*os.File) (string, bool) { return "", false }
