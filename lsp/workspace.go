package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/config"
)

// StatusMethod is the custom notification editors use for a status bar
// item: catalog version and indexing state.
const StatusMethod = "wixEvents/status"

// indexer walks the workspace roots in the background and reports progress.
type indexer struct {
	s    *Server
	mu   sync.Mutex
	busy int
	done chan struct{} // closed when the first full index completes
	once sync.Once
}

func newIndexer(s *Server) *indexer { return &indexer{s: s, done: make(chan struct{})} }

// Done is closed when the initial walk of every root has finished.
func (ix *indexer) Done() <-chan struct{} { return ix.done }

// indexAll walks every root, then publishes diagnostics for every file.
func (ix *indexer) indexAll(ctx context.Context) {
	defer ix.once.Do(func() { close(ix.done) })
	var roots []string
	for _, r := range ix.s.ws.Roots() {
		roots = append(roots, r.Path)
	}
	ix.walk(ctx, roots)
}

// walk indexes roots with $/progress and status notifications.
func (ix *indexer) walk(ctx context.Context, roots []string) {
	s := ix.s
	ix.mu.Lock()
	ix.busy++
	ix.mu.Unlock()
	defer func() {
		ix.mu.Lock()
		ix.busy--
		ix.mu.Unlock()
		s.sendStatus(ctx)
	}()
	s.sendStatus(ctx)
	prog := s.beginProgress(ctx, "Indexing Wix events")
	start := time.Now()
	total := 0
	for _, r := range ix.s.ws.Roots() {
		if r.ConfigErr != nil {
			s.showLog(ctx, protocol.MessageTypeError, fmt.Sprintf("%s: %v", filepath.Join(r.Path, config.FileName), r.ConfigErr))
		}
	}
	for _, root := range roots {
		stats, err := s.ws.Walk(ctx, root, func(n int) {
			prog.report(ctx, fmt.Sprintf("%d files", total+n))
		})
		total += stats.Indexed
		for _, n := range stats.Notices {
			s.showLog(ctx, protocol.MessageTypeInfo, n.Path+": "+n.Message)
		}
		if err != nil {
			if ctx.Err() != nil {
				prog.end(ctx, "cancelled")
				return
			}
			s.showLog(ctx, protocol.MessageTypeWarning, fmt.Sprintf("indexing %s: %v", root, err))
		}
	}
	prog.end(ctx, fmt.Sprintf("%d files", total))
	s.logf("indexed %d files in %v", total, time.Since(start).Round(time.Millisecond))
	s.diags.all(s.ws.Files())
}

func (ix *indexer) indexing() bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.busy > 0
}

// sendStatus notifies the client of the catalog version and indexing state.
func (s *Server) sendStatus(ctx context.Context) {
	st := struct {
		CatalogVersion string `json:"catalogVersion"`
		Indexing       bool   `json:"indexing"`
		Files          int    `json:"files"`
	}{catalog.Default().Version(), s.indexing != nil && s.indexing.indexing(), len(s.ws.Files())}
	b, _ := json.Marshal(st)
	_ = s.conn.Notify(ctx, StatusMethod, json.RawMessage(b))
}

// progress is one work-done progress, or a no-op when the client did not
// offer window.workDoneProgress.
type progress struct {
	token protocol.ProgressToken
	s     *Server
}

func (s *Server) beginProgress(ctx context.Context, title string) *progress {
	if !s.caps.workDoneProgress {
		return &progress{}
	}
	tok := protocol.String(fmt.Sprintf("wix-events-ls/index/%d", time.Now().UnixNano()))
	if err := s.client.WorkDoneProgressCreate(ctx, &protocol.WorkDoneProgressCreateParams{Token: tok}); err != nil {
		return &progress{}
	}
	p := &progress{token: tok, s: s}
	p.send(ctx, map[string]any{"kind": "begin", "title": title, "cancellable": false})
	return p
}

func (p *progress) send(ctx context.Context, v map[string]any) {
	if p.token == nil {
		return
	}
	b, _ := json.Marshal(v)
	_ = p.s.client.Progress(ctx, &protocol.ProgressParams{Token: p.token, Value: b})
}

func (p *progress) report(ctx context.Context, msg string) {
	p.send(ctx, map[string]any{"kind": "report", "message": msg})
}

func (p *progress) end(ctx context.Context, msg string) {
	p.send(ctx, map[string]any{"kind": "end", "message": msg})
}

// pullConfiguration asks the client for the wixEvents section.
func (s *Server) pullConfiguration(ctx context.Context) {
	if !s.caps.configuration {
		return
	}
	section := "wixEvents"
	res, err := s.client.Configuration(ctx, &protocol.ConfigurationParams{Items: []protocol.ConfigurationItem{{Section: &section}}})
	if err != nil || len(res) == 0 {
		return
	}
	s.applySettings(ctx, json.RawMessage(res[0]))
}

// fileWatchers are the watchers registerWatchers asks for: the files the
// index reads (changed, created, deleted), and every path's creation and
// deletion, so that a folder deleted, renamed or copied in is reported as
// an event for the folder (VS Code sends one event for a folder, and only
// when a watcher's pattern matches the folder itself). One entry per
// pattern; add new ones here.
var fileWatchers = []fileWatcher{
	{Glob: "**/*.{js,jsw,ts}"},
	{Glob: "**/package.json"},
	{Glob: "**/" + config.FileName},
	{Glob: "**/*", Kind: protocol.WatchKindCreate | protocol.WatchKindDelete},
	// What decides an app's installed @wix packages (cli_installed.go):
	// the lockfiles, and the packages' manifests, which editors often
	// leave out of **/package.json (node_modules is excluded from most
	// file watchers by default).
	{Glob: "**/{package-lock.json,npm-shrinkwrap.json,pnpm-lock.yaml,yarn.lock,bun.lock}"},
	{Glob: "**/node_modules/@wix/**/package.json"},
}

// fileWatcher is LSP's FileSystemWatcher with a plain string pattern.
type fileWatcher struct {
	Glob string             `json:"globPattern"`
	Kind protocol.WatchKind `json:"kind,omitempty"` // 0: create, change and delete
}

// registerWatchers asks the client to report changes to the files the index
// cares about (dynamic registration, when the client supports it).
func (s *Server) registerWatchers(ctx context.Context) {
	if !s.caps.watchedFilesDyn {
		return
	}
	opts, _ := json.Marshal(struct {
		Watchers []fileWatcher `json:"watchers"`
	}{fileWatchers})
	err := s.client.RegisterCapability(ctx, &protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: "wix-events-ls/watched-files", Method: protocol.MethodWorkspaceDidChangeWatchedFiles, RegisterOptions: opts,
	}}})
	if err != nil {
		s.logf("registering file watchers: %v", err)
	}
}

// DidChangeConfiguration re-reads settings: pushed ones when present, else
// pulled through workspace/configuration. Then every file is re-diagnosed.
func (s *Server) DidChangeConfiguration(ctx context.Context, params *protocol.DidChangeConfigurationParams) error {
	go func() {
		ctx := s.bgCtx
		if !s.applySettings(ctx, json.RawMessage(params.Settings)) {
			s.pullConfiguration(ctx)
		}
		s.diags.all(s.ws.Files())
	}()
	return nil
}

// DidChangeWorkspaceFolders indexes added roots and forgets removed ones.
func (s *Server) DidChangeWorkspaceFolders(ctx context.Context, params *protocol.DidChangeWorkspaceFoldersParams) error {
	for _, r := range params.Event.Removed {
		if p, ok := filePath(r.URI); ok {
			gone := s.ws.Files()
			s.ws.RemoveRoot(p)
			for _, f := range gone {
				if f.Root == p && s.ws.File(f.Path) == nil {
					s.diags.clear(f.Path)
				}
			}
		}
	}
	var added []string
	for _, r := range params.Event.Added {
		if p, ok := filePath(r.URI); ok {
			s.ws.AddRoot(p)
			added = append(added, p)
		}
	}
	if len(added) > 0 && s.indexing != nil {
		go s.indexing.walk(s.bgCtx, added)
	}
	return nil
}

// DidChangeWatchedFiles keeps the index in step with disk: changed files are
// re-read (unless open), deleted ones dropped, a folder's event applies to
// everything under it, and each change re-diagnoses the file and its
// dependents. The events are applied off the read loop, a burst at a time
// (diskchange.go). A change of what an app installs (a package.json, a
// lockfile, node_modules/@wix) is noted here, on the read loop, so that a
// request right behind the notification already sees the new packages
// (cli_installed.go); node_modules itself is never indexed.
func (s *Server) DidChangeWatchedFiles(ctx context.Context, params *protocol.DidChangeWatchedFilesParams) error {
	evs := params.Changes[:0:0]
	for _, ch := range params.Changes {
		if path, ok := filePath(ch.URI); ok && s.dependencyChanged(path) {
			continue
		}
		evs = append(evs, ch)
	}
	s.disk.add(evs)
	return nil
}
