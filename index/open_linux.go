package index

import (
	"os"
	"strconv"
	"syscall"
)

// openNoFollow opens path for reading without following a link in its
// last element (ELOOP instead) and without blocking on a FIFO or device.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

// openedPath asks the kernel which file fh is: the link /proc/self/fd/N
// names it, with every link resolved, as it was when opened.
func openedPath(fh *os.File) (string, bool) {
	p, err := os.Readlink("/proc/self/fd/" + strconv.Itoa(int(fh.Fd())))
	if err != nil || len(p) == 0 || p[0] != '/' {
		return "", false
	}
	return p, true
}
