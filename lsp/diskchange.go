package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/config"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// diskChanges applies watched-file events off the read loop, a burst at a
// time. A branch switch sends thousands of events at once (often split over
// several notifications); applied one by one on the read loop, each
// deletion re-diagnosed every file of its app and rebuilt the app's model,
// roughly cubic: 2,001 deletions froze the server for 144 s, answering
// nothing. Here the events only join a queue on the read loop; one
// goroutine takes everything queued (after burstDelay, so the rest of a
// burst joins), expands folder events to their files, applies them as one
// step (publishes wait for it, requests do not), then re-diagnoses each
// affected file once: time linear in what changed, and requests answered
// meanwhile. A request right after the notification may still see the
// files as they were; disk changes are the editor's news, not its edits.
type diskChanges struct {
	s *Server

	mu      sync.Mutex
	pending []protocol.FileEvent
	running bool

	// applying is held for writing while a burst is applied to the
	// index: a publish (which reads it) waits for the whole burst rather
	// than rebuilding an app's model after each of its files.
	applying sync.RWMutex
}

// burstDelay lets the rest of a burst arrive before it is applied.
const burstDelay = 10 * time.Millisecond

func (d *diskChanges) add(evs []protocol.FileEvent) {
	d.mu.Lock()
	d.pending = append(d.pending, evs...)
	start := !d.running
	d.running = true
	d.mu.Unlock()
	if start {
		go d.run()
	}
}

// idle reports whether nothing is queued or being applied.
func (d *diskChanges) idle() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return !d.running && len(d.pending) == 0
}

func (d *diskChanges) run() {
	for {
		time.Sleep(burstDelay)
		d.mu.Lock()
		evs := d.pending
		d.pending = nil
		if len(evs) == 0 || d.s.bgCtx.Err() != nil {
			d.running = false
			d.mu.Unlock()
			return
		}
		d.mu.Unlock()
		d.apply(d.s.bgCtx, evs)
	}
}

// apply applies one burst.
func (d *diskChanges) apply(ctx context.Context, evs []protocol.FileEvent) {
	s := d.s
	defer s.diags.recoverPanic("watched-file changes", "")
	// The files the events stand for, each once, in order.
	seen := map[string]bool{}
	var paths []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	configChanged := false
	for _, ev := range evs {
		path, ok := filePath(ev.URI)
		if !ok {
			continue
		}
		if filepath.Base(path) == config.FileName {
			if r := s.ws.RootOf(path); r != nil && filepath.Dir(path) == r.Path {
				r = s.ws.ReloadConfig(r.Path)
				if r.ConfigErr != nil {
					s.showLog(ctx, protocol.MessageTypeError, fmt.Sprintf("%s: %v", path, r.ConfigErr))
				}
				configChanged = true
			}
			continue
		}
		// A folder event stands for everything under the folder: what
		// the index holds there (gone, or to re-read), and what is on
		// disk there now (created).
		for _, f := range s.ws.FilesUnder(path) {
			add(f.Path)
		}
		if s.ws.Skipped(path) {
			continue // node_modules, an ignored folder, outside the roots
		}
		if ev.Type != protocol.FileChangeTypeDeleted {
			if st, err := os.Lstat(path); err == nil && st.IsDir() {
				for _, p := range s.ws.PathsUnder(path) {
					add(p)
				}
				continue
			}
		}
		add(path)
	}
	// Facts the analysis read from disk outside the index (does an
	// untracked source exist?) are looked at again.
	s.ws.NoteDiskEvents()
	if configChanged {
		s.diags.all(s.ws.Files())
	}
	if len(paths) == 0 {
		return
	}

	// Apply them as one step.
	olds := make([]*index.File, len(paths))
	news := make([]*index.File, len(paths))
	d.applying.Lock()
	for i, p := range paths {
		olds[i] = s.ws.File(p)
		news[i] = s.ws.DiskChanged(p) // a deletion too: it re-checks existence
	}
	d.applying.Unlock()

	// What to publish again: each changed file, and what depends on a
	// changed or removed one, once. A CLI file's dependents are its
	// app's files: asked once per app.
	var changed, gone, again []string
	queued := map[string]bool{}
	queue := func(p string) {
		if !queued[p] {
			queued[p] = true
			again = append(again, p)
		}
	}
	apps := map[string]bool{}
	dependents := func(f *index.File) {
		if f.Kind.CLI() {
			app := s.ws.AppRoot(f.Path)
			if app != "" {
				if apps[app] {
					return
				}
				apps[app] = true
			}
		}
		for _, g := range s.an.Dependents(f) {
			if s.ws.File(g.Path) != nil {
				queue(g.Path)
			}
		}
	}
	for i, p := range paths {
		switch f, old := news[i], olds[i]; {
		case f != nil && f == old:
			// Read again unchanged (or an open buffer, which wins).
			continue
		case f != nil:
			changed = append(changed, p)
			queue(p)
			dependents(f)
		case old != nil:
			gone = append(gone, p)
			dependents(old)
		case s.ws.Tracked(p):
			// Not indexed before, not now: nothing changed (a deletion
			// already applied, reported again by a stale read).
			continue
		}
		// A file the index does not track (a handler named by `source`
		// outside the events folders) still changes its app's diagnostics.
		if news[i] == nil && mayBeSource(p) {
			if app := s.ws.AppRoot(p); app != "" && !apps[app] {
				apps[app] = true
				for _, g := range s.ws.AppFiles(app) {
					queue(g.Path)
				}
			}
		}
	}
	for _, p := range gone {
		if !queued[p] {
			s.diags.clear(p)
		}
	}
	s.diags.bulk(again, changed)
}

// mayBeSource reports whether path could be an untracked file an app's
// rules read (a handler named by `source`), or a folder holding one: a
// script's extension or none.
func mayBeSource(path string) bool {
	switch filepath.Ext(path) {
	case "", ".js", ".jsw", ".ts", ".tsx", ".jsx", ".mjs", ".cjs", ".mts", ".cts":
		return true
	}
	return false
}
