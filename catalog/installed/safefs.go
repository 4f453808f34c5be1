package installed

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// maxFileSize bounds one declaration or package.json read: the largest
// file the pinned packages ship is ~540 KB.
const maxFileSize = 8 << 20

// errOutside is returned for a path that resolves outside the root.
var errOutside = errors.New("resolves outside the workspace root")

// safeFS reads files below root, an absolute path with symlinks resolved.
// Links are followed (pnpm links every package), but a path whose real
// location leaves root is refused; only regular files are read, opened
// without blocking (a FIFO named like a .d.ts never stalls the server),
// and at most maxFileSize bytes each. Names are slash-separated, relative
// to root, as io/fs wants them.
//
// Resolved folders are remembered (dirs), so reading a package's files
// resolves its folder's links once rather than once per file: a safeFS
// serves one ForApp call, on one goroutine.
type safeFS struct {
	root string
	dirs map[string]string // folder name → real absolute path
}

// presentDir in dirs marks a folder seen to exist whose links are not
// resolved yet (markMissing's stopping point).
const presentDir = "\x00present"

func newSafeFS(root string) safeFS { return safeFS{root: root, dirs: map[string]string{}} }

// resolve returns the real absolute path of name, refusing one outside root.
func (s safeFS) resolve(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	if s.missing(dir) {
		return "", &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	realDir, ok := s.dirs[dir]
	if !ok || realDir == presentDir {
		full := filepath.Join(s.root, filepath.FromSlash(dir))
		// One system call tells a missing folder (most candidates are);
		// resolving its links takes one per path component.
		if _, err := os.Lstat(full); err != nil {
			s.markMissing(dir)
			return "", err
		}
		var err error
		realDir, err = filepath.EvalSymlinks(full)
		if err != nil {
			return "", err
		}
		if s.dirs != nil {
			s.dirs[dir] = realDir
		}
	}
	real := filepath.Join(realDir, base)
	st, err := os.Lstat(real)
	if err != nil {
		return "", err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		if real, err = filepath.EvalSymlinks(real); err != nil {
			return "", err
		}
	}
	if !within(s.root, real) {
		return "", &fs.PathError{Op: "open", Path: name, Err: errOutside}
	}
	return real, nil
}

// missing reports whether dir or a folder above it was found missing.
// Resolving a package tries node_modules/<pkg> in every folder from the
// app up to the root; most of those folders do not exist, and without
// this every package would resolve each of them again, component by
// component (a third of check's added CPU on a 40-app workspace).
func (s safeFS) missing(dir string) bool {
	for d := dir; d != "." && d != "" && d != "/"; d = path.Dir(d) {
		if r, ok := s.dirs[d]; ok {
			return r == ""
		}
	}
	return false
}

// markMissing records dir, found missing, and the folders above it that do
// not exist either, as missing ("" in dirs).
func (s safeFS) markMissing(dir string) {
	if s.dirs == nil {
		return
	}
	s.dirs[dir] = ""
	for d := path.Dir(dir); d != "." && d != "" && d != "/"; d = path.Dir(d) {
		if _, known := s.dirs[d]; known {
			return // resolved, seen present, or known missing with its parents
		}
		if _, err := os.Lstat(filepath.Join(s.root, filepath.FromSlash(d))); err == nil {
			s.dirs[d] = presentDir // its siblings' misses stop here without a look
			return
		}
		s.dirs[d] = ""
	}
}

func within(root, p string) bool {
	return p == root || strings.HasPrefix(p, root+string(filepath.Separator))
}

// Real returns name's real location, relative to root (see extract.RealFS).
func (s safeFS) Real(name string) (string, error) {
	real, err := s.resolve(name)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(s.root, real)
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}

func (s safeFS) Stat(name string) (fs.FileInfo, error) {
	real, err := s.resolve(name)
	if err != nil {
		return nil, err
	}
	return os.Lstat(real)
}

func (s safeFS) ReadFile(name string) ([]byte, error) {
	fh, err := s.open(name)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > maxFileSize {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("larger than %d bytes", maxFileSize)}
	}
	// One read of the size stat gave: a file that grew since is cut there,
	// one that shrank is what was read.
	b := make([]byte, st.Size())
	n, err := io.ReadFull(fh, b)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	return b[:n], nil
}

// Open opens a regular file (io/fs needs it; the extractor reads through
// ReadFile and Stat). Folders cannot be opened.
func (s safeFS) Open(name string) (fs.File, error) { return s.open(name) }

func (s safeFS) open(name string) (*os.File, error) {
	real, err := s.resolve(name)
	if err != nil {
		return nil, err
	}
	fh, err := openNoBlock(real)
	if err != nil {
		return nil, err
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		fh.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("not a regular file")}
	}
	return fh, nil
}
