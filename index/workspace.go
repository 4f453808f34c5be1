// Package index keeps the workspace's files and the cross-file facts the
// analysis needs: which Velo events.js files share a site, which files form a
// Wix CLI app. Files are immutable values: an edit replaces the *File, so a
// request holding one never sees it change under it.
//
// Invariants: every path in the index is absolute, cleaned and inside one of
// the roots (after resolving symlinks); the index never writes a file; open
// buffers win over disk until closed.
package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/wix-events-ls/wix-events-ls/config"
	"github.com/wix-events-ls/wix-events-ls/index/scan"
	"github.com/wix-events-ls/wix-events-ls/index/textpos"
)

// DefaultMaxFileSize is the size above which a file is skipped with a notice:
// no hand-written events.js comes near it, and it bounds the memory one
// generated file can take.
const DefaultMaxFileSize = 2 << 20

// skipDirs are never descended into: dependencies, VCS data, Wix's own cache
// and build output hold no user handlers and can hold 100,000s of files.
var skipDirs = map[string]bool{"node_modules": true, ".git": true, ".wix": true, "dist": true, "build": true, ".hg": true, ".svn": true}

// File is one indexed file. It is never mutated after it is stored.
type File struct {
	Path    string // absolute, cleaned OS path
	Root    string // the workspace root containing it
	Rel     string // slash-separated path relative to Root
	Kind    Kind
	Text    string
	Version int32 // the editor's version for open buffers, 0 for disk files
	Open    bool  // an editor buffer, which wins over disk
	Scan    *scan.File
	Lines   *textpos.Mapper
}

// NewFile builds an indexed file from text, parsing it.
func NewFile(root, path, text string, version int32, open bool) *File {
	rel, _ := filepath.Rel(root, path)
	rel = filepath.ToSlash(rel)
	return &File{
		Path: path, Root: root, Rel: rel, Kind: Classify(rel),
		Text: text, Version: version, Open: open,
		Scan: scan.Parse(text), Lines: textpos.NewMapper(text),
	}
}

// Notice is something the user should know about the walk (a skipped file).
type Notice struct {
	Path    string
	Message string
}

// Root is one workspace folder and its configuration file.
type Root struct {
	Path      string
	Config    config.Config
	ConfigErr error // the .wix-events.json problem, if any; reported, never fatal
}

// Options tune a Workspace.
type Options struct {
	MaxFileSize int64
	// Extra configuration applied on top of each root's file (from the
	// editor's settings or check's --config).
	Config config.Config
}

// Workspace is the set of indexed files across all roots. It is safe for
// concurrent use.
type Workspace struct {
	opts Options

	mu    sync.RWMutex
	roots map[string]*Root
	files map[string]*File
	// appRoots holds every folder with a package.json and a src/ folder: each
	// is a Wix CLI app analysed on its own.
	appRoots map[string]bool
	gen      uint64
}

// New returns an empty workspace.
func New(opts Options) *Workspace {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	return &Workspace{opts: opts, roots: map[string]*Root{}, files: map[string]*File{}, appRoots: map[string]bool{}}
}

// SetConfig replaces the editor-supplied configuration layer.
func (w *Workspace) SetConfig(c config.Config) {
	w.mu.Lock()
	w.opts.Config = c
	w.gen++
	w.mu.Unlock()
}

// Generation increases on every change; caches key on it.
func (w *Workspace) Generation() uint64 {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.gen
}

// AddRoot registers a workspace folder and reads its configuration file. It
// does not walk it; call Walk.
func (w *Workspace) AddRoot(dir string) *Root {
	dir = clean(dir)
	r := &Root{Path: dir}
	r.Config, r.ConfigErr = config.LoadDir(dir)
	w.mu.Lock()
	w.roots[dir] = r
	w.gen++
	w.mu.Unlock()
	return r
}

// ReloadConfig re-reads a root's .wix-events.json.
func (w *Workspace) ReloadConfig(dir string) *Root {
	return w.AddRoot(dir)
}

// RemoveRoot forgets a folder and its files (open buffers stay: the editor
// still owns them).
func (w *Workspace) RemoveRoot(dir string) {
	dir = clean(dir)
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.roots, dir)
	for p, f := range w.files {
		if f.Root == dir && !f.Open {
			delete(w.files, p)
		}
	}
	for a := range w.appRoots {
		if within(dir, a) {
			delete(w.appRoots, a)
		}
	}
	w.gen++
}

// Roots returns the workspace folders, sorted.
func (w *Workspace) Roots() []*Root {
	w.mu.RLock()
	defer w.mu.RUnlock()
	out := make([]*Root, 0, len(w.roots))
	for _, r := range w.roots {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// RootOf returns the innermost root containing path, or nil.
func (w *Workspace) RootOf(path string) *Root {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.rootOfLocked(path)
}

func (w *Workspace) rootOfLocked(path string) *Root {
	var best *Root
	for _, r := range w.roots {
		if within(r.Path, path) && (best == nil || len(r.Path) > len(best.Path)) {
			best = r
		}
	}
	return best
}

// ConfigFor returns the effective configuration for a file: its root's file
// overlaid by the editor's settings.
func (w *Workspace) ConfigFor(path string) config.Config {
	w.mu.RLock()
	defer w.mu.RUnlock()
	var base config.Config
	if r := w.rootOfLocked(path); r != nil {
		base = r.Config
	}
	return base.Merge(w.opts.Config)
}

// File returns the current file at path (open buffer or disk), or nil.
func (w *Workspace) File(path string) *File {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.files[clean(path)]
}

// Files returns every indexed file of the given kinds (all when none given),
// sorted by path.
func (w *Workspace) Files(kinds ...Kind) []*File {
	w.mu.RLock()
	out := make([]*File, 0, len(w.files))
	for _, f := range w.files {
		if len(kinds) == 0 || containsKind(kinds, f.Kind) {
			out = append(out, f)
		}
	}
	w.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func containsKind(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// SiteEvents returns the site-level events.js files (not Velo packages') that
// share f's site, f included, sorted.
func (w *Workspace) SiteEvents(f *File) []*File {
	scope, pkg := SiteScope(f.Rel)
	if pkg {
		return []*File{f}
	}
	var out []*File
	for _, g := range w.Files(KindVeloEvents) {
		if g.Root != f.Root {
			continue
		}
		if s, p := SiteScope(g.Rel); !p && s == scope {
			out = append(out, g)
		}
	}
	return out
}

// AppRoot returns the Wix CLI app folder containing path (the innermost
// folder with package.json and src/), or "" when there is none.
func (w *Workspace) AppRoot(path string) string {
	w.mu.RLock()
	defer w.mu.RUnlock()
	best := ""
	for a := range w.appRoots {
		if within(a, path) && len(a) > len(best) {
			best = a
		}
	}
	return best
}

// AppFiles returns the indexed files of the app rooted at app, sorted.
func (w *Workspace) AppFiles(app string) []*File {
	var out []*File
	for _, f := range w.Files(KindCLIBuilder, KindCLIRegistration, KindCLIHandler) {
		if w.AppRoot(f.Path) == app {
			out = append(out, f)
		}
	}
	return out
}

// Open records an editor buffer; it wins over the disk file until Close.
// A path outside every root is still accepted (the editor opened it), but
// cross-file rules only see files inside roots.
func (w *Workspace) Open(path, text string, version int32) *File {
	path = clean(path)
	w.mu.Lock()
	defer w.mu.Unlock()
	root := ""
	if r := w.rootOfLocked(path); r != nil {
		root = r.Path
	} else {
		root = filepath.Dir(path)
	}
	f := NewFile(root, path, text, version, true)
	w.files[path] = f
	w.gen++
	return f
}

// Close drops the editor buffer and falls back to disk (re-read now, since
// the buffer may have been saved or discarded).
func (w *Workspace) Close(path string) *File {
	path = clean(path)
	w.mu.Lock()
	delete(w.files, path)
	w.gen++
	root := w.rootOfLocked(path)
	w.mu.Unlock()
	if root == nil {
		return nil
	}
	f, _ := w.load(root.Path, path)
	return f
}

// DiskChanged re-reads path from disk (created or changed) unless an editor
// buffer owns it; a deleted or unreadable file is dropped. It returns the
// new file, or nil when the file is gone or not relevant.
func (w *Workspace) DiskChanged(path string) *File {
	path = clean(path)
	w.mu.RLock()
	cur := w.files[path]
	root := w.rootOfLocked(path)
	w.mu.RUnlock()
	if cur != nil && cur.Open {
		return cur
	}
	if root == nil {
		return nil
	}
	if filepath.Base(path) == "package.json" {
		w.noteAppRoot(filepath.Dir(path))
	}
	f, err := w.load(root.Path, path)
	if err != nil || f == nil {
		w.mu.Lock()
		if g := w.files[path]; g != nil && !g.Open {
			delete(w.files, path)
			w.gen++
		}
		w.mu.Unlock()
		return nil
	}
	return f
}

// load reads a file from disk into the index if it is relevant and safe.
func (w *Workspace) load(root, path string) (*File, error) {
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return nil, err
	}
	if Classify(filepath.ToSlash(rel)) == KindOther {
		return nil, nil
	}
	text, err := w.readInside(root, path)
	if err != nil {
		return nil, err
	}
	f := NewFile(root, path, text, 0, false)
	w.mu.Lock()
	defer w.mu.Unlock()
	if cur := w.files[path]; cur != nil && cur.Open {
		return cur, nil
	}
	w.files[path] = f
	w.gen++
	return f, nil
}

// ErrOutside is returned for a path that resolves outside its root.
var ErrOutside = errors.New("path resolves outside the workspace")

// ErrTooLarge is returned for a file over the size cap.
var ErrTooLarge = errors.New("file is larger than the size cap")

// readInside reads path only if it (after resolving symlinks) stays inside
// root and is a regular file under the size cap.
func (w *Workspace) readInside(root, path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", err
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	if !within(realRoot, real) {
		return "", ErrOutside
	}
	st, err := os.Stat(real)
	if err != nil {
		return "", err
	}
	if !st.Mode().IsRegular() {
		return "", fmt.Errorf("%s: not a regular file", path)
	}
	if st.Size() > w.opts.MaxFileSize {
		return "", fmt.Errorf("%w (%d bytes > %d)", ErrTooLarge, st.Size(), w.opts.MaxFileSize)
	}
	b, err := os.ReadFile(real)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func (w *Workspace) noteAppRoot(dir string) {
	st, err := os.Stat(filepath.Join(dir, "src"))
	w.mu.Lock()
	if err == nil && st.IsDir() {
		w.appRoots[dir] = true
	} else {
		delete(w.appRoots, dir)
	}
	w.gen++
	w.mu.Unlock()
}

// Exists reports whether path names a regular file inside one of the roots
// (or an open buffer). It never looks outside the workspace.
func (w *Workspace) Exists(path string) bool {
	path = clean(path)
	if w.File(path) != nil {
		return true
	}
	root := w.RootOf(path)
	if root == nil {
		return false
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	realRoot, err := filepath.EvalSymlinks(root.Path)
	if err != nil || !within(realRoot, real) {
		return false
	}
	st, err := os.Stat(real)
	return err == nil && st.Mode().IsRegular()
}

// WalkStats summarises one walk.
type WalkStats struct {
	Seen    int // files looked at
	Indexed int // relevant files loaded
	Notices []Notice
}

// Walk indexes every relevant file under root. It skips dependency and build
// folders and configured globs, never follows a symlinked folder (so loops and
// links out of the workspace cannot be walked), reads a symlinked file only
// when its target stays inside the root, and skips files over the size cap
// with a notice. progress, if not nil, is called now and then with the count
// of files indexed so far. Walk returns early, with ctx.Err(), when ctx ends.
func (w *Workspace) Walk(ctx context.Context, root string, progress func(indexed int)) (WalkStats, error) {
	root = clean(root)
	cfg := w.ConfigFor(filepath.Join(root, "x"))
	var stats WalkStats
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			if p == root {
				return err
			}
			stats.Notices = append(stats.Notices, Notice{Path: p, Message: "skipped: " + err.Error()})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if p != root && (skipDirs[d.Name()] || cfg.Ignored(rel)) {
				return fs.SkipDir
			}
			return nil
		}
		stats.Seen++
		if d.Name() == "package.json" {
			w.noteAppRoot(filepath.Dir(p))
			return nil
		}
		if cfg.Ignored(rel) || Classify(rel) == KindOther {
			return nil
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return stats, err
	}
	// Reading and parsing run on a small pool: the walk is I/O-bound, the
	// scanner CPU-bound, and two cores are the common case.
	type result struct {
		path string
		err  error
		ok   bool
	}
	jobs := make(chan string)
	results := make(chan result)
	workers := runtime.GOMAXPROCS(0) * 2
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				f, err := w.load(root, p)
				results <- result{path: p, err: err, ok: f != nil}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, p := range paths {
			select {
			case jobs <- p:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	for r := range results {
		switch {
		case r.err != nil:
			msg := "skipped: " + r.err.Error()
			if errors.Is(r.err, ErrOutside) {
				msg = "skipped: symbolic link leads outside the workspace"
			}
			stats.Notices = append(stats.Notices, Notice{Path: r.path, Message: msg})
		case r.ok:
			stats.Indexed++
			if progress != nil && stats.Indexed%200 == 0 {
				progress(stats.Indexed)
			}
		}
	}
	sort.Slice(stats.Notices, func(i, j int) bool { return stats.Notices[i].Path < stats.Notices[j].Path })
	return stats, ctx.Err()
}

func clean(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// within reports whether path is dir or inside it.
func within(dir, path string) bool {
	if dir == path {
		return true
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Within reports whether path is dir or inside it (no symlink resolution).
func Within(dir, path string) bool { return within(clean(dir), clean(path)) }
