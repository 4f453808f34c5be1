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
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

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
	Version int32 // the editor's version for open buffers, 0 for disk files
	Open    bool  // an editor buffer, which wins over disk
	// TooLarge marks an editor buffer over the size cap: its text is kept
	// (the user's text is never dropped) but not parsed or analysed; Scan
	// and Lines() are those of the empty text.
	TooLarge bool
	// Scan is the parse of Text. For a file that is not open it is
	// compacted (see scan.File.Compact and keepCall): no tokens, and in Velo
	// files only top-level calls. The rules need no more; features that
	// read tokens (completion, fixes that count identifiers) use Full.
	Scan *scan.File

	lines     *lazyLines // see Lines
	textState            // see Text
}

// lazyLines is a file's line table, built on first use: only files with
// something to report (or open in the editor) ever convert a position, and
// the tables of the other 99% of a workspace would be memory held for
// nothing.
type lazyLines struct {
	once sync.Once
	m    *textpos.Mapper
}

// Lines returns the line table of Text (of the empty text for a TooLarge
// buffer). It is safe for concurrent use.
func (f *File) Lines() *textpos.Mapper {
	if f.lines == nil { // a File not made by NewFile
		if f.TooLarge {
			return textpos.NewMapper("")
		}
		return textpos.NewMapper(f.Text())
	}
	f.lines.once.Do(func() {
		text := f.Text()
		if f.TooLarge {
			text = ""
		}
		f.lines.m = textpos.NewMapper(text)
	})
	return f.lines.m
}

// NewFile builds an indexed file from text, parsing it; a file that is not
// open keeps a compact parse, which is what makes a 10,000-file index fit
// in a few tens of MB.
func NewFile(root, path, text string, version int32, open bool) *File {
	return newFile(root, path, text, version, open, nil, nil)
}

// newFile is NewFile with the workspace's KeepCall policy for closed files.
func (w *Workspace) newFile(root, path, text string, version int32, open bool) *File {
	return newFile(root, path, text, version, open, w.opts.KeepCall, nil)
}

func newFile(root, path, text string, version int32, open bool, keepCall func(Kind, *scan.File, *scan.Call) bool, a *loadAlloc) *File {
	rel := relTo(root, path)
	f := a.file()
	f.Path, f.Root, f.Rel, f.Kind = path, root, rel, Classify(rel)
	f.setText(text)
	f.Version, f.Open = version, open
	if open {
		f.Scan = scan.Parse(text)
		return f
	}
	var keep func(*scan.File, *scan.Call) bool
	if keepCall != nil {
		keep = func(full *scan.File, c *scan.Call) bool { return keepCall(f.Kind, full, c) }
	}
	f.Scan = a.compact(text, keep)
	return f
}

// relTo is path relative to root, slash-separated: a substring of path
// (no copy kept per file) when path is inside root, as every indexed path is.
func relTo(root, path string) string {
	if fastPaths && cleanAbs(root) && cleanAbs(path) && within(root, path) && root != path {
		if root == "/" {
			return path[1:]
		}
		return path[len(root)+1:]
	}
	rel, _ := filepath.Rel(root, path)
	return filepath.ToSlash(rel)
}

// WithFullScan returns f itself when its Scan is complete, else a copy
// (not stored) whose Scan is Full.
func (f *File) WithFullScan() *File {
	if f.Scan == nil || !f.Scan.Compacted() || f.TooLarge || f.size == 0 {
		return f
	}
	text := f.Text()
	c := &File{Path: f.Path, Root: f.Root, Rel: f.Rel, Kind: f.Kind, Version: f.Version, Open: f.Open,
		Scan: scan.Parse(text), lines: f.lines}
	// The copy holds the text its parse points into, for as long as it lives.
	c.data.Store(unsafe.StringData(text))
	c.size, c.sum = f.size, f.sum
	return c
}

// Full returns the complete parse of f: Scan itself for an open buffer, a
// fresh parse of Text (not stored) for a compacted one.
func (f *File) Full() *scan.File {
	if f.Scan == nil || !f.Scan.Compacted() || f.size == 0 || f.TooLarge {
		return f.Scan
	}
	return scan.Parse(f.Text())
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
	// KeepCall says which calls the compact parse of a closed file keeps
	// (nil: all). The analysis owns the answer (analysis.KeepCall): most
	// calls sit in function bodies no rule looks into, and dropping them is
	// most of what keeps a large index small. Open files keep everything.
	KeepCall func(k Kind, f *scan.File, c *scan.Call) bool
	// DropTexts: a closed file the walk loads keeps no text, only its
	// length and digest; File.Text reads it back from disk when asked.
	// For the server, where closed files' texts were a quarter of the
	// index (7 MB of the 10,000-file workspace) and are read again
	// only for files with diagnostics, esbuild's first check and edits. Not
	// for check, which reads each file once anyway.
	DropTexts bool
	// Snapshot: the workspace is read once and analysed once (check). Facts
	// read from the disk outside the index (does an untracked file exist?)
	// are then good for the whole run: nothing re-reads them on each use.
	Snapshot bool
}

// Snapshot reports Options.Snapshot.
func (w *Workspace) Snapshot() bool { return w.opts.Snapshot }

// SetOnStale sets what is told of a file whose dropped text the disk no
// longer holds (File.Text): the server re-reads it as a change on disk.
// fn runs on the goroutine that asked for the text and must not block.
func (w *Workspace) SetOnStale(fn func(path string)) { w.onStale.Store(&fn) }

// Workspace is the set of indexed files across all roots. It is safe for
// concurrent use.
type Workspace struct {
	opts Options

	realRoots sync.Map // root → root with links resolved (readInside)

	// onStale is told of a dropped text the disk no longer holds (see
	// File.Text); SetOnStale.
	onStale atomic.Pointer[func(path string)]

	mu    sync.RWMutex
	roots map[string]*Root
	files map[string]*File
	// appRoots holds every folder with a package.json and a src/ folder: each
	// is a Wix CLI app analysed on its own.
	appRoots map[string]bool
	gen      uint64
	// diskEpoch counts bursts of watched-file events (NoteDiskEvents).
	diskEpoch atomic.Uint64

	// Derived views (sorted file lists by kind, site groups, app groups),
	// built lazily and kept until the set of files, roots or app roots
	// changes (shape). Replacing a file's value (an edit, a disk change)
	// keeps the shape and patches the views in place, so typing never
	// re-sorts the workspace. vmu is only taken with mu held (read or
	// write): readers fill the views under mu.RLock, writers patch them
	// under mu.Lock.
	shape uint64
	vmu   sync.Mutex
	views views
}

// views are the lazily built indexes over files. Every slice is sorted by
// path and private: callers get copies.
type views struct {
	shape  uint64
	built  bool
	byMask map[uint64][]*File  // Files(kinds...) by kind mask
	sites  map[siteKey][]*File // SiteEvents groups; nil until built
	apps   map[string][]*File  // AppFiles groups by app root; nil until built
	appOf  map[string]string   // CLI file path → its app root, for patching apps
}

type siteKey struct{ root, scope string }

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
	r.Config, r.ConfigErr = w.loadConfig(dir)
	w.mu.Lock()
	w.roots[dir] = r
	w.gen++
	w.shape++
	w.mu.Unlock()
	return r
}

// loadConfig reads dir's .wix-events.json under the rules of every other
// read (readInside: inside the root once links are resolved, a regular file,
// under the size cap), which config.LoadDir does not apply: it would follow
// a link anywhere, and block on a FIFO or read a device without end.
func (w *Workspace) loadConfig(dir string) (config.Config, error) {
	name := filepath.Join(dir, config.FileName)
	text, err := w.readInside(dir, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return config.Config{}, nil
	case errors.Is(err, ErrOutside):
		return config.Config{}, errors.New("it is a link leading outside the workspace, so it is not read")
	case err != nil:
		return config.Config{}, err
	}
	c, err := config.Parse([]byte(text))
	if err != nil {
		return config.Config{}, fmt.Errorf("%s: %w", name, err)
	}
	return c, nil
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
	w.shape++
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
	defer w.mu.RUnlock()
	w.vmu.Lock()
	defer w.vmu.Unlock()
	l := w.filesLocked(kindMask(kinds))
	return append(make([]*File, 0, len(l)), l...)
}

// allKinds is the mask key of Files() without kinds.
const allKinds = ^uint64(0)

// kindMask is the views key of a kind list: one bit per kind.
func kindMask(kinds []Kind) uint64 {
	if len(kinds) == 0 {
		return allKinds
	}
	var m uint64
	for _, k := range kinds {
		if k < 63 {
			m |= 1 << k
		}
	}
	return m
}

// viewsLocked returns the views for the current shape, emptied when the
// shape changed. Callers hold w.mu (read or write) and w.vmu.
func (w *Workspace) viewsLocked() *views {
	if !w.views.built || w.views.shape != w.shape {
		w.views = views{shape: w.shape, built: true, byMask: map[uint64][]*File{}}
	}
	return &w.views
}

// filesLocked returns the shared sorted list of files matching mask; the
// caller must copy it before releasing the locks. Callers hold w.mu (read
// or write) and w.vmu.
func (w *Workspace) filesLocked(mask uint64) []*File {
	v := w.viewsLocked()
	if l, ok := v.byMask[mask]; ok {
		return l
	}
	var l []*File
	if all, ok := v.byMask[allKinds]; ok && mask != allKinds {
		for _, f := range all {
			if mask&(1<<f.Kind) != 0 {
				l = append(l, f)
			}
		}
	} else {
		l = make([]*File, 0, len(w.files))
		for _, f := range w.files {
			if mask == allKinds || f.Kind < 63 && mask&(1<<f.Kind) != 0 {
				l = append(l, f)
			}
		}
		sort.Slice(l, func(i, j int) bool { return l[i].Path < l[j].Path })
	}
	v.byMask[mask] = l
	return l
}

// stored records that path now holds f (nil: removed), old being its
// previous value. Callers hold w.mu for writing. Replacing a file by one of
// the same kind and root keeps the shape: the views are patched in place.
func (w *Workspace) stored(path string, old, f *File) {
	w.gen++
	if old == nil || f == nil || old.Kind != f.Kind || old.Root != f.Root || old.Rel != f.Rel {
		w.shape++
		return
	}
	w.vmu.Lock()
	defer w.vmu.Unlock()
	v := &w.views
	if !v.built || v.shape != w.shape {
		return // nothing built for this shape yet
	}
	for _, l := range v.byMask {
		patch(l, path, f)
	}
	if v.sites != nil && f.Kind == KindVeloEvents {
		if scope, pkg := SiteScope(f.Rel); !pkg {
			patch(v.sites[siteKey{f.Root, scope}], path, f)
		}
	}
	if v.apps != nil && f.Kind.CLI() {
		if app, ok := v.appOf[path]; ok {
			patch(v.apps[app], path, f)
		}
	}
}

// patch replaces the file at path in a list sorted by path.
func patch(l []*File, path string, f *File) {
	i := sort.Search(len(l), func(i int) bool { return l[i].Path >= path })
	if i < len(l) && l[i].Path == path {
		l[i] = f
	}
}

// SiteEvents returns the site-level events.js files (not Velo packages') that
// share f's site, f included, sorted.
func (w *Workspace) SiteEvents(f *File) []*File {
	scope, pkg := SiteScope(f.Rel)
	if pkg {
		return []*File{f}
	}
	w.mu.RLock()
	defer w.mu.RUnlock()
	w.vmu.Lock()
	defer w.vmu.Unlock()
	v := w.viewsLocked()
	if v.sites == nil {
		v.sites = map[siteKey][]*File{}
		for _, g := range w.filesLocked(kindMask([]Kind{KindVeloEvents})) {
			if s, p := SiteScope(g.Rel); !p {
				k := siteKey{g.Root, s}
				v.sites[k] = append(v.sites[k], g)
			}
		}
	}
	l := v.sites[siteKey{f.Root, scope}]
	if len(l) == 0 {
		return nil
	}
	return append([]*File(nil), l...)
}

// AppRoot returns the Wix CLI app folder containing path (the innermost
// folder with package.json and src/), or "" when there is none.
func (w *Workspace) AppRoot(path string) string {
	w.mu.RLock()
	defer w.mu.RUnlock()
	return w.appRootLocked(path)
}

func (w *Workspace) appRootLocked(path string) string {
	if len(w.appRoots) == 0 {
		return ""
	}
	if fastPaths && filepath.IsAbs(path) {
		// The innermost app root containing path is its nearest ancestor
		// (or itself) in the set: walk up instead of testing every root.
		// App roots are clean absolute paths (noteAppRoot's Dir), and within
		// cleans path, so walking up from the cleaned path finds the same.
		for d := clean(path); ; {
			if w.appRoots[d] {
				return d
			}
			up := filepath.Dir(d)
			if up == d {
				return ""
			}
			d = up
		}
	}
	best := ""
	for a := range w.appRoots {
		if within(a, path) && len(a) > len(best) {
			best = a
		}
	}
	return best
}

// cliKinds are the Wix CLI file kinds, in AppFiles' Files query.
var cliKinds = []Kind{KindCLIBuilder, KindCLIRegistration, KindCLIHandler}

// AppFiles returns the indexed files of the app rooted at app, sorted.
func (w *Workspace) AppFiles(app string) []*File {
	w.mu.RLock()
	defer w.mu.RUnlock()
	w.vmu.Lock()
	defer w.vmu.Unlock()
	v := w.viewsLocked()
	if v.apps == nil {
		v.apps = map[string][]*File{}
		v.appOf = map[string]string{}
		for _, f := range w.filesLocked(kindMask(cliKinds)) {
			a := w.appRootLocked(f.Path)
			v.apps[a] = append(v.apps[a], f)
			v.appOf[f.Path] = a
		}
	}
	l := v.apps[app]
	if len(l) == 0 {
		return nil
	}
	return append([]*File(nil), l...)
}

// Open records an editor buffer; it wins over the disk file until Close.
// A path outside every root is still accepted (the editor opened it), but
// cross-file rules only see files inside roots. A buffer over the size cap
// is kept unparsed (File.TooLarge).
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
	var f *File
	if int64(len(text)) > w.opts.MaxFileSize {
		// Over the cap: keep the text, skip the parse (and so the analysis).
		f = w.newFile(root, path, "", version, true)
		f.setText(text)
		f.TooLarge = true
	} else {
		f = w.newFile(root, path, text, version, true)
	}
	old := w.files[path]
	w.files[path] = f
	w.stored(path, old, f)
	return f
}

// MaxFileSize is the size cap: larger files are skipped by the walk, larger
// editor buffers are kept but not parsed.
func (w *Workspace) MaxFileSize() int64 { return w.opts.MaxFileSize }

// Close drops the editor buffer and falls back to disk (re-read now, since
// the buffer may have been saved or discarded).
func (w *Workspace) Close(path string) *File {
	path = clean(path)
	w.mu.Lock()
	old := w.files[path]
	delete(w.files, path)
	w.stored(path, old, nil)
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
			w.stored(path, g, nil)
		}
		w.mu.Unlock()
		return nil
	}
	return f
}

// load reads a file from disk into the index if it is relevant and safe.
func (w *Workspace) load(root, path string) (*File, error) {
	return w.loadFrom(root, noRootDir, path, false, nil)
}

// loadFrom is load for a file the walk found: regular says its directory
// entry was a regular file, which lets readBeneath open it below dir
// without looking first (anything else takes readInside's path).
func (w *Workspace) loadFrom(root string, dir rootDir, path string, regular bool, a *loadAlloc) (*File, error) {
	rel := relTo(root, path)
	if Classify(rel) == KindOther {
		return nil, nil
	}
	var text string
	var err error
	ok := false
	if regular {
		text, err, ok = readBeneath(dir, filepath.FromSlash(rel), path, w.opts.MaxFileSize, a)
	}
	if !ok {
		text, err = w.readInside(root, path)
	}
	if err != nil {
		return nil, err
	}
	f := newFile(root, path, text, 0, false, w.opts.KeepCall, a)
	if a != nil && a.scan.Own {
		// Its parse holds copies of its strings (scan.Alloc.Own): the text
		// is dropped and read back when needed (File.Text).
		f.src = w
		f.DropText()
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	cur := w.files[path]
	if cur != nil && cur.Open {
		return cur, nil
	}
	if cur != nil && sameFile(cur, f) {
		// Re-read unchanged (a watcher's event for a file a checkout only
		// touched, a stale text read back): the index, its generation and
		// every cache keyed on it stay as they were.
		return cur, nil
	}
	w.files[path] = f
	w.stored(path, cur, f)
	return f, nil
}

// sameFile reports whether f, just read, holds exactly what cur holds.
func sameFile(cur, f *File) bool {
	return cur.Kind == f.Kind && cur.Root == f.Root && cur.Rel == f.Rel && !cur.TooLarge && !f.TooLarge &&
		cur.size == f.size && cur.sum == f.sum
}

// ErrOutside is returned for a path that resolves outside its root.
var ErrOutside = errors.New("path resolves outside the workspace")

// ErrTooLarge is returned for a file over the size cap.
var ErrTooLarge = errors.New("file is larger than the size cap")

// readInside reads path only if it (after resolving symlinks) stays inside
// root and is a regular file under the size cap.
//
// The fast path, for a regular file (no link as its last element): lstat,
// then open without following a final link and without blocking, then ask
// the kernel what was opened (openedPath: /proc/self/fd on Linux) and check
// that against the root. Checking the opened file, not the name, also
// closes the window between a check and the open in which a folder could
// be swapped for a link. Links, and systems where the kernel cannot say,
// take the slow path: resolve every element, check, then open.
func (w *Workspace) readInside(root, path string) (string, error) {
	realRoot, err := w.realRoot(root)
	if err != nil {
		return "", err
	}
	lst, err := os.Lstat(path)
	if err != nil {
		return "", err
	}
	if lst.Mode().IsRegular() {
		fh, err := openNoFollow(path)
		if err == nil {
			defer fh.Close()
			if real, ok := openedPath(fh); ok {
				if !within(realRoot, real) {
					return "", ErrOutside
				}
				return w.readOpened(fh, path)
			}
		}
	} else if lst.Mode()&fs.ModeSymlink == 0 {
		return "", fmt.Errorf("%s: not a regular file", path)
	}
	real, err := filepath.EvalSymlinks(path)
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
	if limit := w.opts.MaxFileSize; st.Size() > limit {
		return "", fmt.Errorf("%w (%d bytes > %d)", ErrTooLarge, st.Size(), limit)
	}
	fh, err := os.Open(real)
	if err != nil {
		return "", err
	}
	defer fh.Close()
	return w.readOpened(fh, path)
}

// realRoot returns root with its links resolved, remembered per root (the
// walk asks for every file).
func (w *Workspace) realRoot(root string) (string, error) {
	if r, ok := w.realRoots.Load(root); ok {
		return r.(string), nil
	}
	r, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	w.realRoots.Store(root, r)
	return r, nil
}

// readOpened reads an opened file that must be regular (it may have been
// replaced since it was checked, or still be written), never past the cap.
func (w *Workspace) readOpened(fh *os.File, path string) (string, error) {
	st, err := fh.Stat()
	if err != nil {
		return "", err
	}
	if !st.Mode().IsRegular() {
		return "", fmt.Errorf("%s: not a regular file", path)
	}
	limit := w.opts.MaxFileSize
	if st.Size() > limit {
		return "", fmt.Errorf("%w (%d bytes > %d)", ErrTooLarge, st.Size(), limit)
	}
	buf := make([]byte, min(st.Size(), limit)+1) // one byte more: detects growth
	n, err := io.ReadFull(fh, buf)
	switch {
	case err == io.EOF || err == io.ErrUnexpectedEOF: // all of it
		if n == 0 {
			return "", nil
		}
		// buf is never written again: the text shares it instead of a copy.
		return unsafe.String(&buf[0], n), nil
	case err != nil:
		return "", err
	}
	rest, err := io.ReadAll(io.LimitReader(fh, limit+1-int64(n)))
	if err != nil {
		return "", err
	}
	if int64(n+len(rest)) > limit {
		return "", fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, limit)
	}
	return string(buf) + string(rest), nil
}

func (w *Workspace) noteAppRoot(dir string) {
	st, err := os.Stat(filepath.Join(dir, "src"))
	w.mu.Lock()
	if err == nil && st.IsDir() {
		if !w.appRoots[dir] {
			w.appRoots[dir] = true
			w.shape++
		}
	} else if w.appRoots[dir] {
		delete(w.appRoots, dir)
		w.shape++
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
	return w.WalkEach(ctx, root, progress, nil)
}

// WalkEach is Walk that also hands each indexed file to each (when not
// nil) as soon as it is stored, from one goroutine: check starts esbuild
// on the first files while the rest are still being read. A slow each
// slows the walk down rather than queueing files without bound.
func (w *Workspace) WalkEach(ctx context.Context, root string, progress func(indexed int), each func(*File)) (WalkStats, error) {
	root = clean(root)
	cfg := w.ConfigFor(filepath.Join(root, "x"))
	var stats WalkStats
	dir := openRootDir(root)
	defer dir.close()
	// The folder walk feeds a small pool that reads and parses as paths
	// are found: the walk is I/O-bound, the scanner CPU-bound, and two
	// cores are the common case.
	type job struct {
		path    string
		regular bool
	}
	type result struct {
		path string
		err  error
		f    *File
	}
	jobs := make(chan job, 256)
	results := make(chan result, 256)
	workers := runtime.GOMAXPROCS(0) * 2
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := &loadAlloc{scan: scan.Alloc{Own: w.opts.DropTexts}}
			for j := range jobs {
				f, err := w.loadFrom(root, dir, j.path, j.regular, a)
				results <- result{path: j.path, err: err, f: f}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	collected := make(chan struct{})
	var loadNotices []Notice
	go func() {
		defer close(collected)
		for r := range results {
			switch {
			case r.err != nil:
				msg := "skipped: " + r.err.Error()
				if errors.Is(r.err, ErrOutside) {
					msg = "skipped: symbolic link leads outside the workspace"
				}
				loadNotices = append(loadNotices, Notice{Path: r.path, Message: msg})
			case r.f != nil:
				if each != nil {
					each(r.f)
				}
				stats.Indexed++
				if progress != nil && stats.Indexed%200 == 0 {
					progress(stats.Indexed)
				}
			}
		}
	}()
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
		select {
		case jobs <- job{p, d.Type().IsRegular()}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(jobs)
	<-collected
	stats.Notices = append(stats.Notices, loadNotices...)
	if err != nil {
		return stats, err
	}
	sort.Slice(stats.Notices, func(i, j int) bool { return stats.Notices[i].Path < stats.Notices[j].Path })
	return stats, ctx.Err()
}

func clean(p string) string {
	if fastPaths && cleanAbs(p) {
		return p // what filepath.Abs returns for it, without the copy
	}
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// fastPaths enables the string-only path tests below where they are exactly
// equivalent to the filepath functions: with '/' separators and
// case-sensitive names (not on Windows, whose Rel folds case and volumes).
const fastPaths = filepath.Separator == '/' && runtime.GOOS != "windows"

// cleanAbs reports whether p is absolute and filepath.Clean(p) == p: no
// empty, "." or ".." element and no trailing slash (but "/" itself).
func cleanAbs(p string) bool {
	if len(p) == 0 || p[0] != '/' {
		return false
	}
	if len(p) == 1 {
		return true
	}
	if p[len(p)-1] == '/' {
		return false
	}
	// Each element starts after a '/'; reject "", "." and "..". Jumping
	// from slash to slash keeps this a few IndexByte calls per path.
	for i := 0; i < len(p); {
		rest := p[i+1:]
		switch {
		case len(rest) == 0 || rest[0] == '/':
			return false
		case rest[0] == '.' && (len(rest) == 1 || rest[1] == '/'):
			return false
		case rest[0] == '.' && rest[1] == '.' && (len(rest) == 2 || rest[2] == '/'):
			return false
		}
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return true
}

// within reports whether path is dir or inside it.
func within(dir, path string) bool {
	if dir == path {
		return true
	}
	if fastPaths && cleanAbs(dir) && cleanAbs(path) {
		// For clean absolute paths, filepath.Rel yields no ".." exactly
		// when path extends dir by whole elements.
		if dir == "/" {
			return true
		}
		return len(path) > len(dir) && path[len(dir)] == '/' && path[:len(dir)] == dir
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Within reports whether path is dir or inside it (no symlink resolution).
func Within(dir, path string) bool { return within(clean(dir), clean(path)) }
