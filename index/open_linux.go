package index

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
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

// rootDir is an open handle on a workspace root that walked files are
// opened beneath (see readBeneath); fd < 0 when there is none.
type rootDir struct{ fd int }

// noRootDir makes readBeneath defer to readInside.
var noRootDir = rootDir{fd: -1}

// openRootDir opens root as a path-only handle (nothing is read through
// it; it only anchors openat2).
func openRootDir(root string) rootDir {
	fd, err := unix.Open(root, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return rootDir{fd: -1}
	}
	return rootDir{fd: fd}
}

func (d rootDir) close() {
	if d.fd >= 0 {
		unix.Close(d.fd)
	}
}

// readBeneath reads the regular file rel (relative to the root) with as
// few system calls as Linux allows: openat2 with RESOLVE_BENEATH makes the
// kernel refuse any resolution that leaves the root (by "..", or by a link
// anywhere in the path) and O_NOFOLLOW a link as the last element, then
// fstat, read and close on the raw descriptor. That replaces lstat, open,
// readlink of /proc/self/fd and the os.File bookkeeping (a poller
// registration, a blocking-mode switch) of readInside: 4 system calls a
// file instead of ~9, most of a walk's cost.
//
// ok is false when the kernel cannot decide (no openat2, a link as the last
// element or one that is absolute or leads out: ELOOP, EXDEV): the caller
// then takes readInside's path, which resolves links and says why a file
// is skipped.
func readBeneath(d rootDir, rel, path string, limit int64, a *loadAlloc) (text string, err error, ok bool) {
	if d.fd < 0 {
		return "", nil, false
	}
	how := unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_NOFOLLOW | unix.O_NONBLOCK | unix.O_CLOEXEC | unix.O_NOCTTY,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
	}
	var fd int
	for {
		fd, err = unix.Openat2(d.fd, rel, &how)
		if err != unix.EINTR {
			break
		}
	}
	switch {
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM), errors.Is(err, unix.EINVAL),
		errors.Is(err, unix.ELOOP), errors.Is(err, unix.EXDEV), errors.Is(err, unix.EAGAIN):
		return "", nil, false
	case err != nil:
		return "", &os.PathError{Op: "open", Path: path, Err: err}, true
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return "", &os.PathError{Op: "fstat", Path: path, Err: err}, true
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return "", fmt.Errorf("%s: not a regular file", path), true
	}
	if st.Size > limit {
		return "", fmt.Errorf("%w (%d bytes > %d)", ErrTooLarge, st.Size, limit), true
	}
	// Read what fstat promised, and no more: a file still growing is
	// read as it was (its watcher event re-reads it), never past the cap,
	// and a read that fills the size needs no EOF read after it.
	buf := a.buf(int(st.Size))
	n := 0
	for n < len(buf) {
		m, err := unix.Read(fd, buf[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return "", &os.PathError{Op: "read", Path: path, Err: err}, true
		}
		if m == 0 {
			break // shrunk since fstat
		}
		n += m
	}
	if n == 0 {
		return "", nil, true
	}
	// buf is never written again (a chunk hands each byte out once): the
	// text shares it instead of a copy.
	return unsafe.String(&buf[0], n), nil, true
}
