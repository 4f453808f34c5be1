package lsp

import (
	"context"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/internal/memlimit"
)

// syntaxDelay debounces esbuild's syntax check while the user types: the
// scanner's diagnostics go out at once, the syntax check follows in a second
// publish once typing pauses.
const syntaxDelay = 150 * time.Millisecond

// diagPublisher computes and publishes diagnostics off the read loop. A
// change enqueues the changed file first and then its dependents; one worker
// drains the queue, so a burst of keystrokes coalesces into one publish per
// file.
//
// The queue is a stack of urgent paths (a front insert goes before
// everything, as with the prepend it replaces) over a FIFO of the rest, so
// an insert costs O(1) even with the whole workspace queued after indexing.
// A path already queued at the back that becomes urgent moves to the front:
// each queued path has one live entry (its seq), stale entries are skipped.
//
// esbuild's syntax checks run on a small pool (syntaxWorkers): an edited
// file's check waits for its debounce timer and then goes first, alone; the
// bulk after indexing (every file) is queued at once, without timers, and
// drained in batches (SyntaxChecker.CheckAll: one esbuild build per batch,
// ~10x cheaper per file than a check each), so it neither takes the
// memory of thousands of concurrent parses nor holds the cores for long.
type diagPublisher struct {
	s *Server

	mu     sync.Mutex
	front  []queued // stack: the last urgent insert is published first
	back   []queued // FIFO
	queued map[string]uint64
	seq    uint64
	wake   chan struct{}
	syntax map[string]syntaxResult
	timers map[string]*time.Timer
	// saveTimer is the pending save of the verdict cache, if any.
	saveTimer *time.Timer
	started   bool

	// busy and synBusy count publishes and syntax batches in progress
	// (idle, for tests and benchmarks).
	busy, synBusy int

	synFront   []queued // stack of edited files' syntax checks
	synBack    []queued // FIFO of the others
	synQueued  map[string]uint64
	synWake    chan struct{}
	synStarted bool

	// deps are the dependents each edited file had at its last change: an
	// edit that removes a dependency (an events.js re-export) must re-publish
	// the file it no longer reaches, which the new text's Dependents omit.
	deps map[string][]string
}

// maxDeps bounds the dependents remembered (one entry per edited file).
const maxDeps = 1024

// queued is one queue entry; it is live while queued[path] == seq.
type queued struct {
	path string
	seq  uint64
}

// syntaxWorkers bounds concurrent esbuild checks: half the cores (at least
// one), so a bulk check leaves room for the diagnostics worker and requests.
func syntaxWorkers() int { return max(1, runtime.GOMAXPROCS(0)/2) }

// syntaxResult is esbuild's verdict on one exact text, known by its
// digest (holding the text itself would keep a dropped one alive). One per
// indexed file, so kept small: errors behind a pointer, nil for the
// common clean verdict.
type syntaxResult struct {
	sum   [16]byte
	diags *[]analysis.Diagnostic
}

func newSyntaxResult(f *index.File, ds []analysis.Diagnostic) syntaxResult {
	r := syntaxResult{sum: f.Digest()}
	if len(ds) > 0 {
		r.diags = &ds
	}
	return r
}

// of reports whether r is the verdict on f's current text.
func (r syntaxResult) of(f *index.File) bool { return r.sum == f.Digest() }

// errors returns the verdict's diagnostics (nil: clean).
func (r syntaxResult) errors() []analysis.Diagnostic {
	if r.diags == nil {
		return nil
	}
	return *r.diags
}

func newDiagPublisher(s *Server) *diagPublisher {
	return &diagPublisher{s: s, queued: map[string]uint64{}, wake: make(chan struct{}, 1),
		syntax: map[string]syntaxResult{}, timers: map[string]*time.Timer{},
		synQueued: map[string]uint64{}, synWake: make(chan struct{}, 1)}
}

// changed schedules f and the files depending on it. The syntax check of
// an editor buffer goes first, alone; a file changed on disk (often one of
// many: a branch switch, a generator) joins the batched queue.
func (p *diagPublisher) changed(f *index.File) {
	p.enqueue(f.Path, true)
	deps := p.s.an.Dependents(f)
	paths := make([]string, 0, len(deps))
	for _, g := range deps {
		paths = append(paths, g.Path)
		p.enqueue(g.Path, false)
	}
	p.mu.Lock()
	prev := p.deps[f.Path]
	if p.deps == nil || len(p.deps) >= maxDeps {
		p.deps = map[string][]string{}
	}
	p.deps[f.Path] = paths
	p.mu.Unlock()
	for _, q := range prev {
		if !slices.Contains(paths, q) {
			p.enqueue(q, false) // a dependent no more: its diagnostics change back
		}
	}
	p.scheduleSyntax(f.Path, f.Open)
}

// all schedules every indexed file (after the walk): their scanner-level
// diagnostics, then their syntax checks in bulk.
func (p *diagPublisher) all(files []*index.File) {
	for _, f := range files {
		p.enqueue(f.Path, false)
	}
	p.mu.Lock()
	for _, f := range files {
		push(&p.synFront, &p.synBack, p.synQueued, &p.seq, f.Path, false)
	}
	p.startSyntaxLocked()
	p.mu.Unlock()
	p.wakeSyntax()
}

// bulk schedules many files at once (a burst of changes on disk): paths
// are published again, the syntax checks of changed join the batched
// queue, without a debounce timer each.
func (p *diagPublisher) bulk(paths, changed []string) {
	p.mu.Lock()
	if !p.started {
		p.started = true
		go p.run(p.s.bgCtx)
	}
	for _, path := range paths {
		push(&p.front, &p.back, p.queued, &p.seq, path, false)
	}
	for _, path := range changed {
		push(&p.synFront, &p.synBack, p.synQueued, &p.seq, path, false)
	}
	if len(changed) > 0 {
		p.startSyntaxLocked()
	}
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
	p.wakeSyntax()
}

// idle reports whether nothing is queued, waiting for its debounce or
// being worked on.
func (p *diagPublisher) idle() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.queued) == 0 && len(p.synQueued) == 0 && len(p.timers) == 0 && p.busy == 0 && p.synBusy == 0
}

// startSyntaxLocked starts the syntax workers once. Callers hold p.mu.
func (p *diagPublisher) startSyntaxLocked() {
	if !p.synStarted {
		p.synStarted = true
		for i := 0; i < syntaxWorkers(); i++ {
			go p.runSyntax(p.s.bgCtx)
		}
	}
}

func (p *diagPublisher) wakeSyntax() {
	select {
	case p.synWake <- struct{}{}:
	default:
	}
}

// push adds path to a two-level queue (see diagPublisher) unless it is
// already queued there, where urgent moves it to the front. It reports
// whether an entry was added. Callers hold p.mu.
func push(front, back *[]queued, live map[string]uint64, seq *uint64, path string, urgent bool) bool {
	cur, ok := live[path]
	if ok && (!urgent || cur&1 == 1) {
		return false // queued already, and at the front when it must be
	}
	// Sequence numbers are odd for front entries, even for back ones.
	*seq += 2
	s := *seq
	if urgent {
		s |= 1
		*front = append(*front, queued{path, s})
	} else {
		*back = append(*back, queued{path, s})
	}
	live[path] = s
	return true
}

// pop removes and returns the next live entry. Callers hold p.mu.
//
// The last live entry out replaces live with a new map: a Go map keeps
// its buckets when emptied, and after the initial bulk (every indexed file
// queued twice) the two maps held ~0.85 MB for nothing.
func pop(front, back *[]queued, live *map[string]uint64) (string, bool) {
	for len(*front) > 0 || len(*back) > 0 {
		var e queued
		if n := len(*front); n > 0 {
			e = (*front)[n-1]
			*front = (*front)[:n-1]
		} else {
			e = (*back)[0]
			(*back)[0] = queued{}
			*back = (*back)[1:]
			if len(*back) == 0 {
				*back = nil // let the bulk's array go
			}
		}
		if (*live)[e.path] == e.seq {
			delete(*live, e.path)
			if len(*live) == 0 {
				*live = map[string]uint64{}
			}
			return e.path, true
		}
	}
	return "", false
}

func (p *diagPublisher) enqueue(path string, front bool) {
	p.mu.Lock()
	if !p.started {
		p.started = true
		go p.run(p.s.bgCtx)
	}
	push(&p.front, &p.back, p.queued, &p.seq, path, front)
	p.mu.Unlock()
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *diagPublisher) run(ctx context.Context) {
	for {
		p.mu.Lock()
		path, ok := pop(&p.front, &p.back, &p.queued)
		if ok {
			p.busy++
		}
		p.mu.Unlock()
		if !ok {
			select {
			case <-p.wake:
				continue
			case <-ctx.Done():
				return
			}
		}
		open := p.publish(ctx, path)
		p.mu.Lock()
		p.busy--
		idle := len(p.front) == 0 && len(p.back) == 0
		p.mu.Unlock()
		if open {
			if idle {
				// An editor's buffer is answered and nothing waits: the
				// pause before the next keystroke is the time to collect,
				// if a collection is due soon (see memlimit.CollectIfNear).
				memlimit.CollectIfNear(earlyCollect)
			}
		}
	}
}

// earlyCollect is the share of the heap's room to the next collection
// after which the publisher, idle after an open file's publish, starts the
// collection itself. Each keystroke in the bench's 2,000-line events.js
// allocates ~4% of that room.
const earlyCollect = 0.6

// scheduleSyntax (re)starts the debounce timer of path's syntax check; when
// it expires the check is queued for the syntax workers, at the front for
// an urgent (edited) file.
func (p *diagPublisher) scheduleSyntax(path string, urgent bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t, ok := p.timers[path]; ok {
		t.Stop()
	}
	p.timers[path] = time.AfterFunc(syntaxDelay, func() {
		p.mu.Lock()
		delete(p.timers, path)
		p.startSyntaxLocked()
		push(&p.synFront, &p.synBack, p.synQueued, &p.seq, path, urgent)
		p.mu.Unlock()
		p.wakeSyntax()
	})
}

// saveCacheSoon saves the esbuild verdict cache a moment after the syntax
// queue drains (a bulk check of the workspace is over), once per drain.
func (p *diagPublisher) saveCacheSoon() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.saveTimer != nil {
		return
	}
	p.saveTimer = time.AfterFunc(cacheSaveDelay, func() {
		p.mu.Lock()
		p.saveTimer = nil
		p.mu.Unlock()
		p.s.saveSyntaxCache()
	})
}

// cacheSaveDelay lets the other syntax workers finish before a save.
const cacheSaveDelay = time.Second

// syntaxBatch is how many queued bulk checks a worker takes at once: one
// esbuild build, a few ms, so an edited file's check never waits long
// behind the bulk. esbuild parses a build's files concurrently, each with
// its syntax tree and goroutine stack alive until the build ends: 25 files
// instead of 100 cut the server's cold-start peak RSS from 91-95 to 84-86
// MB (interleaved runs, no verdict cache) at no measurable CPU cost (`check`
// keeps 200, analysis.batchFiles: its memory is not held afterwards).
const syntaxBatch = 25

// runSyntax is one syntax worker.
func (p *diagPublisher) runSyntax(ctx context.Context) {
	for {
		p.mu.Lock()
		var paths []string
		if len(p.synFront) > 0 {
			// An edited file: alone, ahead of the bulk.
			if path, ok := pop(&p.synFront, &p.synBack, &p.synQueued); ok {
				paths = append(paths, path)
			}
		} else {
			for len(paths) < syntaxBatch {
				path, ok := pop(&p.synFront, &p.synBack, &p.synQueued)
				if !ok {
					break
				}
				paths = append(paths, path)
			}
		}
		more := len(p.synFront)+len(p.synBack) > 0
		if len(paths) > 0 {
			p.synBusy++
		}
		p.mu.Unlock()
		if len(paths) == 0 {
			// Drained: keep the verdicts, free the batches' esbuild state.
			p.s.syntax.Release()
			p.saveCacheSoon()
			select {
			case <-p.synWake:
				continue
			case <-ctx.Done():
				return
			}
		}
		if more {
			// Pass the wake-up on, so idle workers join a bulk.
			p.wakeSyntax()
		}
		p.checkSyntax(paths)
		p.mu.Lock()
		p.synBusy--
		p.mu.Unlock()
	}
}

// checkSyntax runs esbuild on the current texts of paths (one batch) and
// publishes again each file whose verdict adds or removes something.
func (p *diagPublisher) checkSyntax(paths []string) {
	defer p.recoverPanic("syntax check", paths[0])
	type todo struct {
		f    *index.File
		prev syntaxResult
		had  bool
	}
	var todos []todo
	var files []*index.File
	p.mu.Lock()
	for _, path := range paths {
		f := p.s.ws.File(path)
		if f == nil || f.TooLarge || p.s.bgCtx.Err() != nil {
			continue
		}
		prev, had := p.syntax[path]
		todos = append(todos, todo{f, prev, had})
		// esbuild's verdict depends only on the text (and the path, which
		// is the key): a dependent re-diagnosed after another file
		// changed, or a file re-read unchanged, keeps its verdict without
		// a new parse.
		if !had || !prev.of(f) {
			files = append(files, f)
		}
	}
	p.mu.Unlock()
	var verdicts [][]analysis.Diagnostic
	switch {
	case len(files) == 1:
		verdicts = [][]analysis.Diagnostic{p.s.syntax.Check(files[0])}
	case len(files) > 1:
		verdicts = p.s.syntax.CheckAll(files)
	}
	fresh := make(map[*index.File][]analysis.Diagnostic, len(files))
	for i, f := range files {
		fresh[f] = verdicts[i]
	}
	for _, t := range todos {
		ds, parsed := fresh[t.f]
		if !parsed {
			ds = t.prev.errors()
		}
		// Only publish again when the verdict adds or removes something;
		// otherwise the text can go now (unless the file waits for another
		// pass).
		republish := len(ds) > 0 || (t.had && len(t.prev.errors()) > 0)
		p.mu.Lock()
		p.syntax[t.f.Path] = newSyntaxResult(t.f, ds)
		if !republish {
			p.dropTextLocked(t.f)
		}
		p.mu.Unlock()
		if republish {
			p.enqueue(t.f.Path, true)
		}
	}
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
	if ok && sr.of(f) && len(sr.errors()) > 0 {
		cfg := p.s.ws.ConfigFor(f.Path)
		ds = append(ds, analysis.ApplySeverity(append([]analysis.Diagnostic(nil), sr.errors()...), cfg)...)
	}
	return ds
}

// testHookPublish is for tests only (production never sets it): when set,
// it runs at the start of every publish, e.g. to make a rule panic.
var testHookPublish atomic.Pointer[func(path string)]

// recoverPanic, deferred, turns a panic (a rule's bug) into a log line: the
// publisher and the syntax checks run on goroutines with no request handler
// above them to recover, and a panic there would end the process.
func (p *diagPublisher) recoverPanic(what, path string) {
	if r := recover(); r != nil {
		p.s.logf("panic in %s of %s: %v\n%s", what, path, r, debug.Stack())
	}
}

// publish sends path's diagnostics and reports whether it is an open
// file's (an editor waits for those).
func (p *diagPublisher) publish(ctx context.Context, path string) (open bool) {
	defer p.recoverPanic("diagnostics", path)
	if hook := testHookPublish.Load(); hook != nil {
		(*hook)(path)
	}
	// Not halfway through a burst of disk changes (diskchange.go).
	p.s.disk.applying.RLock()
	defer p.s.disk.applying.RUnlock()
	f := p.s.ws.File(path)
	params := &protocol.PublishDiagnosticsParams{URI: fileURI(path), Diagnostics: []protocol.Diagnostic{}}
	if f != nil && !f.TooLarge { // over the size cap: not analysed
		params.Diagnostics = p.s.toProtocol(f, p.diagnostics(f))
		if f.Open {
			params.Version = protocol.NewOptional(f.Version)
		}
	}
	if err := p.s.client.PublishDiagnostics(ctx, params); err != nil && ctx.Err() == nil {
		p.s.logf("publishDiagnostics %s: %v", path, err)
	}
	if f != nil {
		p.mu.Lock()
		if sr, ok := p.syntax[path]; ok && sr.of(f) {
			p.dropTextLocked(f)
		}
		p.mu.Unlock()
	}
	return f != nil && f.Open
}

// dropTextLocked lets go of a closed file's text (index.File.DropText)
// once its diagnostics are published and esbuild's verdict on it is known:
// until it is re-diagnosed as another file's dependent (or hovered, or
// jumped to), nothing reads it. Not while it waits for another pass.
// Callers hold p.mu.
func (p *diagPublisher) dropTextLocked(f *index.File) {
	if f.Open {
		return
	}
	if _, queued := p.synQueued[f.Path]; queued {
		return
	}
	if _, queued := p.queued[f.Path]; queued {
		return
	}
	if _, pending := p.timers[f.Path]; pending {
		return
	}
	f.DropText()
}
