//go:build unix

package installed

import (
	"os"
	"syscall"
)

// openNoBlock opens a resolved path for reading without following a link
// swapped in since it was resolved, and without blocking on a FIFO.
func openNoBlock(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}
