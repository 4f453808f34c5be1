package index

import (
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
)

// Folder events. An editor reports a deleted, renamed or copied folder as
// one event for the folder (VS Code does), not one per file in it; these
// turn such an event into the files it stands for.

// FilesUnder returns the indexed files at or below dir (a deleted folder's
// files), sorted. It costs a search in the sorted file list, not a pass
// over every file.
func (w *Workspace) FilesUnder(dir string) []*File {
	dir = clean(dir)
	w.mu.RLock()
	defer w.mu.RUnlock()
	w.vmu.Lock()
	defer w.vmu.Unlock()
	all := w.filesLocked(allKinds)
	prefix := dir
	if !strings.HasSuffix(prefix, string(filepath.Separator)) {
		prefix += string(filepath.Separator)
	}
	i := sort.Search(len(all), func(i int) bool { return all[i].Path >= prefix })
	var out []*File
	if j := sort.Search(len(all), func(i int) bool { return all[i].Path >= dir }); j < len(all) && all[j].Path == dir {
		out = append(out, all[j])
	}
	for ; i < len(all) && strings.HasPrefix(all[i].Path, prefix); i++ {
		out = append(out, all[i])
	}
	return out
}

// PathsUnder walks dir on disk (a created or changed folder) and returns
// the paths below it the walk would index, by the walk's rules: skipped
// folders (node_modules, .git …) and ignore globs are not entered, links
// to folders are not followed, a package.json marks its folder as an app
// root. dir outside every root yields nothing.
func (w *Workspace) PathsUnder(dir string) []string {
	dir = clean(dir)
	r := w.RootOf(dir)
	if r == nil {
		return nil
	}
	cfg := w.ConfigFor(filepath.Join(r.Path, "x"))
	if dir != r.Path {
		rel := relTo(r.Path, dir)
		for _, part := range strings.Split(rel, "/") {
			if skipDirs[part] {
				return nil
			}
		}
		if cfg.Ignored(rel) {
			return nil
		}
	}
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() && p != dir {
				return fs.SkipDir
			}
			return nil
		}
		rel := relTo(r.Path, p)
		if d.IsDir() {
			if p != r.Path && (skipDirs[d.Name()] || cfg.Ignored(rel)) {
				return fs.SkipDir
			}
			return nil
		}
		if d.Name() == "package.json" {
			w.noteAppRoot(filepath.Dir(p))
			return nil
		}
		if cfg.Ignored(rel) || Classify(rel) == KindOther {
			return nil
		}
		out = append(out, p)
		return nil
	})
	return out
}

// Skipped reports whether path lies where the walk never goes: outside
// every root, or below a folder it skips (node_modules, .git …) or one the
// root's ignore globs name. Watched-file events there (an npm install
// creates thousands) change nothing.
func (w *Workspace) Skipped(path string) bool {
	path = clean(path)
	r := w.RootOf(path)
	if r == nil {
		return true
	}
	if path == r.Path {
		return false
	}
	rel := relTo(r.Path, path)
	parts := strings.Split(rel, "/")
	for _, part := range parts[:len(parts)-1] {
		if skipDirs[part] {
			return true
		}
	}
	cfg := w.ConfigFor(filepath.Join(r.Path, "x"))
	for i := 1; i <= len(parts); i++ {
		if cfg.Ignored(strings.Join(parts[:i], "/")) {
			return true
		}
	}
	return false
}

// Tracked reports whether path, inside a root, is of a kind the index
// reads (what Classify says of its path relative to the root).
func (w *Workspace) Tracked(path string) bool {
	path = clean(path)
	r := w.RootOf(path)
	return r != nil && Classify(relTo(r.Path, path)) != KindOther
}

// NoteDiskEvents records that the editor reported changes on disk (a
// burst of watched-file events is being applied). Facts read from the disk
// outside the index (does an untracked file exist?) may be reused while
// DiskEpoch stays the same.
func (w *Workspace) NoteDiskEvents() { w.diskEpoch.Add(1) }

// DiskEpoch is the number of NoteDiskEvents calls so far.
func (w *Workspace) DiskEpoch() uint64 { return w.diskEpoch.Load() }
