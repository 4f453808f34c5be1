package lsp

import (
	"context"
	"sync"
	"time"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// syntaxDelay debounces esbuild's syntax check while the user types: the
// scanner's diagnostics go out at once, the syntax check follows in a second
// publish once typing pauses.
const syntaxDelay = 150 * time.Millisecond

// diagPublisher computes and publishes diagnostics off the read loop. A
// change enqueues the changed file first and then its dependents; one worker
// drains the queue, so a burst of keystrokes coalesces into one publish per
// file.
type diagPublisher struct {
	s *Server

	mu      sync.Mutex
	queue   []string
	queued  map[string]bool
	wake    chan struct{}
	syntax  map[string]syntaxResult
	timers  map[string]*time.Timer
	started bool
}

// syntaxResult is esbuild's verdict on one exact text.
type syntaxResult struct {
	text  string
	diags []analysis.Diagnostic
}

func newDiagPublisher(s *Server) *diagPublisher {
	return &diagPublisher{s: s, queued: map[string]bool{}, wake: make(chan struct{}, 1),
		syntax: map[string]syntaxResult{}, timers: map[string]*time.Timer{}}
}

// changed schedules f and the files depending on it.
func (p *diagPublisher) changed(f *index.File) {
	p.enqueue(f.Path, true)
	for _, g := range p.s.an.Dependents(f) {
		p.enqueue(g.Path, false)
	}
	p.scheduleSyntax(f.Path)
}

// all schedules every indexed file (after the walk).
func (p *diagPublisher) all(files []*index.File) {
	for _, f := range files {
		p.enqueue(f.Path, false)
		p.scheduleSyntax(f.Path)
	}
}

func (p *diagPublisher) enqueue(path string, front bool) {
	p.mu.Lock()
	if !p.started {
		p.started = true
		go p.run(p.s.bgCtx)
	}
	if !p.queued[path] {
		p.queued[path] = true
		if front {
			p.queue = append([]string{path}, p.queue...)
		} else {
			p.queue = append(p.queue, path)
		}
	}
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *diagPublisher) run(ctx context.Context) {
	for {
		p.mu.Lock()
		if len(p.queue) == 0 {
			p.mu.Unlock()
			select {
			case <-p.wake:
				continue
			case <-ctx.Done():
				return
			}
		}
		path := p.queue[0]
		p.queue = p.queue[1:]
		delete(p.queued, path)
		p.mu.Unlock()
		p.publish(ctx, path)
	}
}

// scheduleSyntax (re)starts the debounce timer of path's syntax check.
func (p *diagPublisher) scheduleSyntax(path string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t, ok := p.timers[path]; ok {
		t.Stop()
	}
	p.timers[path] = time.AfterFunc(syntaxDelay, func() {
		f := p.s.ws.File(path)
		if f == nil || p.s.bgCtx.Err() != nil {
			return
		}
		ds := analysis.SyntaxCheck(f)
		p.mu.Lock()
		delete(p.timers, path)
		prev, had := p.syntax[path]
		p.syntax[path] = syntaxResult{text: f.Text, diags: ds}
		p.mu.Unlock()
		// Only publish again when the verdict adds or removes something.
		if len(ds) > 0 || (had && len(prev.diags) > 0) {
			p.enqueue(path, true)
		}
	})
}

// clear publishes an empty set for path (a closed file the index does not track).
func (p *diagPublisher) clear(path string) {
	p.mu.Lock()
	delete(p.syntax, path)
	p.mu.Unlock()
	_ = p.s.client.PublishDiagnostics(p.s.bgCtx, &protocol.PublishDiagnosticsParams{
		URI: fileURI(path), Diagnostics: []protocol.Diagnostic{},
	})
}

// Diagnostics returns the current diagnostics of f: the scanner-level rules,
// plus esbuild's syntax errors when they were computed for this exact text.
func (p *diagPublisher) diagnostics(f *index.File) []analysis.Diagnostic {
	ds := p.s.an.File(f)
	p.mu.Lock()
	sr, ok := p.syntax[f.Path]
	p.mu.Unlock()
	if ok && sr.text == f.Text && len(sr.diags) > 0 {
		cfg := p.s.ws.ConfigFor(f.Path)
		ds = append(ds, analysis.ApplySeverity(append([]analysis.Diagnostic(nil), sr.diags...), cfg)...)
	}
	return ds
}

func (p *diagPublisher) publish(ctx context.Context, path string) {
	f := p.s.ws.File(path)
	params := &protocol.PublishDiagnosticsParams{URI: fileURI(path), Diagnostics: []protocol.Diagnostic{}}
	if f != nil {
		params.Diagnostics = p.s.toProtocol(f, p.diagnostics(f))
		if f.Open {
			params.Version = protocol.NewOptional(f.Version)
		}
	}
	if err := p.s.client.PublishDiagnostics(ctx, params); err != nil && ctx.Err() == nil {
		p.s.logf("publishDiagnostics %s: %v", path, err)
	}
}
