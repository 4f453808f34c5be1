//go:build !linux

package index

import "os"

// openNoFollow is not used where openedPath cannot answer.
func openNoFollow(path string) (*os.File, error) { return nil, os.ErrInvalid }

// openedPath: no portable way to ask which file is open; readInside
// resolves the name instead.
func openedPath(*os.File) (string, bool) { return "", false }

// rootDir: no openat2 here; readBeneath always defers to readInside.
type rootDir struct{}

var noRootDir = rootDir{}

func openRootDir(string) rootDir { return rootDir{} }

func (rootDir) close() {}

func readBeneath(rootDir, string, string, int64, *loadAlloc) (string, error, bool) {
	return "", nil, false
}
