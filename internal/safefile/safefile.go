// Package safefile opens files named by the user (check's PATH arguments,
// `--config`, the verdict cache, a configuration file) without the two
// ways a name can hang a process: a FIFO, which blocks a read (or an open)
// until someone writes, and a device such as /dev/zero, which never ends.
// A name is followed through links, and what it leads to must be a regular
// file (or, where a folder is allowed, a folder); reads stop at a cap.
//
// The workspace walk has its own, stricter rules (index.readInside); this
// is for the few files read by name.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ErrNotRegular is returned for a name that leads to something other than
// a regular file (a FIFO, a socket, a device).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is returned for a file over the cap of its reader.
var ErrTooLarge = errors.New("file too large")

// Stat is os.Stat that fails, with ErrNotRegular, for anything but a
// regular file or a folder.
func Stat(name string) (fs.FileInfo, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() && !st.IsDir() {
		return nil, notRegular(name, st.Mode())
	}
	return st, nil
}

// ReadFile reads name, a regular file of at most max bytes. It opens
// without blocking (a FIFO swapped in after a check cannot hang the open)
// and checks the opened file itself, so nothing but a regular file is
// ever read.
func ReadFile(name string, max int64) ([]byte, error) {
	fh, err := os.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(name, st.Mode())
	}
	if st.Size() > max {
		return nil, tooLarge(name, max)
	}
	data, err := io.ReadAll(io.LimitReader(fh, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, tooLarge(name, max) // it grew while read
	}
	return data, nil
}

func notRegular(name string, m fs.FileMode) error {
	what := "special file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		what = "named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "socket"
	case m&fs.ModeDevice != 0:
		what = "device"
	}
	return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w: it is a %s", ErrNotRegular, what)}
}

func tooLarge(name string, max int64) error {
	return &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("%w: over %d bytes", ErrTooLarge, max)}
}
