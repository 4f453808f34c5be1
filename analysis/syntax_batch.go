package analysis

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/internal/syntaxcache"
)

// Batches of esbuild checks.
//
// A Transform costs ~0.4-1 ms however small the file: each call re-creates
// esbuild's runtime module and links it with the file (bundler and linker
// run per call). One bundling Build over many files pays that once: a
// stdin entry imports every file of the batch, a plugin serves their texts
// from memory and marks every other import external (nothing is read from
// disk or resolved), each file is declared free of side effects so nothing
// would be printed, and the build is stopped after parsing (batchStop), so
// nothing is linked either. What is left is esbuild's parser on each file,
// in parallel: ~60-90 µs per file of the benchmark workspace instead of
// ~700.
//
// The parse errors are the parser's own, so a file the batch finds clean is
// clean for Transform too (TestBatchMatchesTransform compares the two on
// every fixture, tricky snippets and mutated files). A file the batch flags
// is checked again alone with Transform, so every reported diagnostic is
// exactly what Check reports.

// Batch bounds: enough files to spread esbuild's fixed cost (measured: 100
// to 250 files give the best time per file), and a byte budget so one
// batch's syntax trees stay a few MB.
const (
	batchFiles = 200
	batchBytes = 4 << 20
)

// batchNS is the plugin namespace of a batch's files; a file's path in it
// is its index in the batch.
const batchNS = "wix-events-ls-batch"

// CheckAll returns Check of every file, index-aligned, using the cache as
// Check does and sending the files esbuild must see in batches.
func (sc *SyntaxChecker) CheckAll(files []*index.File) [][]Diagnostic {
	st := sc.Stream()
	for _, f := range files {
		st.Add(f)
	}
	found := st.Wait()
	out := make([][]Diagnostic, len(files))
	for i, f := range files {
		out[i] = found[f]
	}
	return out
}

// A SyntaxStream checks files as they are added, a batch at a time on a
// goroutine of its own, so esbuild can start while a workspace is still
// being read (check does that). Add and Wait must be called from one
// goroutine; Wait once, after the last Add.
type SyntaxStream struct {
	sc      *SyntaxChecker
	batch   []pending
	size    int
	batches chan []pending
	done    chan struct{}
	found   map[*index.File][]Diagnostic // written by the stream's goroutine
	deep    map[*index.File][]Diagnostic // files too deep for esbuild, written by Add
}

type pending struct {
	f     *index.File
	cache *syntaxcache.Cache
	key   syntaxcache.Key
}

// Stream starts a SyntaxStream.
func (sc *SyntaxChecker) Stream() *SyntaxStream {
	st := &SyntaxStream{sc: sc, batches: make(chan []pending, 2), done: make(chan struct{}),
		found: map[*index.File][]Diagnostic{}}
	go func() {
		defer close(st.done)
		for b := range st.batches {
			st.check(b)
		}
	}()
	return st
}

// Add queues f (skipping what the cache knows clean) and sends the batch
// on when it is full.
func (st *SyntaxStream) Add(f *index.File) {
	if f == nil || f.Kind == index.KindOther {
		return
	}
	if ds := tooDeep(f); ds != nil {
		if st.deep == nil {
			st.deep = map[*index.File][]Diagnostic{}
		}
		st.deep[f] = ds
		return
	}
	cache, key := st.sc.cacheFor(f)
	if cache.Clean(key) {
		return
	}
	st.batch = append(st.batch, pending{f, cache, key})
	st.size += f.Size() // not Text: a dropped text would be read back for its length
	if len(st.batch) >= batchFiles || st.size >= batchBytes {
		st.flush()
	}
}

func (st *SyntaxStream) flush() {
	if len(st.batch) > 0 {
		st.batches <- st.batch
		st.batch, st.size = nil, 0
	}
}

// Wait checks what is left and returns the diagnostics of every added file
// that has some.
func (st *SyntaxStream) Wait() map[*index.File][]Diagnostic {
	st.flush()
	close(st.batches)
	<-st.done
	for f, ds := range st.deep {
		st.found[f] = ds
	}
	return st.found
}

func (st *SyntaxStream) check(batch []pending) {
	fs := make([]*index.File, len(batch))
	for j, p := range batch {
		fs[j] = p.f
	}
	flagged, ok := st.sc.batches.parse(fs)
	for j, p := range batch {
		if ok && !flagged[j] {
			p.cache.Add(p.key)
			continue
		}
		if ds := transform(p.f); len(ds) > 0 {
			st.found[p.f] = ds
		} else {
			p.cache.Add(p.key)
		}
	}
}

// Release frees what the batches keep between calls (the last batch's
// syntax trees); the next CheckAll starts afresh. The server calls it when
// its queue of checks drains.
func (sc *SyntaxChecker) Release() { sc.batches.release() }

// batchParser runs batches through one esbuild build context, one batch
// at a time. A context, not a Build per batch: esbuild keeps each build's
// parse cache reachable for 250 ms after it returns (for its dev server),
// which at this speed is a few thousand files' syntax trees (~50 MB) held
// for nothing; a context's cache is keyed by path, and the paths of a batch
// are its indexes, so it holds one batch's trees at most.
type batchParser struct {
	mu    sync.Mutex
	ctx   api.BuildContext
	files []*index.File // the batch being parsed, read by the plugin
}

// batchEntry is the module the stdin entry imports; it imports the batch,
// then batchStopPath, whose load fails with batchStop: the build then ends
// after parsing (esbuild links nothing once an error is logged), which
// saves the linker's copy of every file's graph: ~20% of a batch's memory
// and ~25% of its time (BenchmarkSyntaxCheckWorkspace).
const (
	batchEntry    = "entry"
	batchStopPath = "stop"
	batchStop     = "wix-events-ls: parsed, stop here"
)

// parse parses files as one batch and reports which of them had an error.
// ok is false when that is unknown: the context could not be made, or an
// error could not be placed in a file.
func (bp *batchParser) parse(files []*index.File) (flagged []bool, ok bool) {
	bp.mu.Lock()
	defer bp.mu.Unlock()
	if bp.ctx == nil {
		ctx, err := api.Context(bp.options())
		if err != nil {
			return nil, false
		}
		bp.ctx = ctx
	}
	bp.files = files
	res := bp.ctx.Rebuild()
	bp.files = nil
	flagged = make([]bool, len(files))
	stopped := false
	for _, m := range res.Errors {
		if m.Text == batchStop && m.Location != nil && m.Location.File == batchNS+":"+batchEntry {
			stopped = true
			continue
		}
		if m.Location == nil {
			return nil, false
		}
		n, found := strings.CutPrefix(m.Location.File, batchNS+":")
		i, err := strconv.Atoi(n)
		if !found || err != nil || i < 0 || i >= len(files) {
			return nil, false
		}
		flagged[i] = true
	}
	// Without the stop, esbuild went on to link: something is not as
	// this code expects, so nothing is known.
	return flagged, stopped
}

// release drops the context and, with it, the last batch's syntax trees.
func (bp *batchParser) release() {
	bp.mu.Lock()
	defer bp.mu.Unlock()
	if bp.ctx != nil {
		bp.ctx.Dispose()
		bp.ctx = nil
	}
}

func (bp *batchParser) options() api.BuildOptions {
	plugin := api.Plugin{Name: "wix-events-ls-batch", Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
			fromEntry := a.Namespace == batchNS && a.Importer == batchEntry
			if a.Importer == "<stdin>" && a.Path == batchNS+":"+batchEntry {
				return api.OnResolveResult{Path: batchEntry, Namespace: batchNS}, nil
			}
			if n, ok := strings.CutPrefix(a.Path, batchNS+":"); ok && fromEntry {
				return api.OnResolveResult{Path: n, Namespace: batchNS, SideEffects: api.SideEffectsFalse}, nil
			}
			// A file's own imports: never resolved, never read.
			return api.OnResolveResult{Path: a.Path, External: true}, nil
		})
		b.OnLoad(api.OnLoadOptions{Filter: `.*`, Namespace: batchNS}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
			if a.Path == batchEntry {
				var entry strings.Builder
				for i := range bp.files {
					entry.WriteString("import \"" + batchNS + ":" + strconv.Itoa(i) + "\";\n")
				}
				entry.WriteString("import \"" + batchNS + ":" + batchStopPath + "\";\n")
				s := entry.String()
				return api.OnLoadResult{Contents: &s, Loader: api.LoaderJS}, nil
			}
			if a.Path == batchStopPath {
				return api.OnLoadResult{}, errors.New(batchStop)
			}
			i, err := strconv.Atoi(a.Path)
			if err != nil || i < 0 || i >= len(bp.files) {
				return api.OnLoadResult{}, fmt.Errorf("no file %q in the batch", a.Path)
			}
			f := bp.files[i]
			text := f.Text()
			if tooDeep(f) != nil {
				text = "" // never here (Add keeps them out), and never to esbuild
			}
			presizeStack()
			return api.OnLoadResult{Contents: &text, Loader: loaderOf(f)}, nil
		})
	}}
	return api.BuildOptions{
		Stdin:       &api.StdinOptions{Contents: "import \"" + batchNS + ":" + batchEntry + "\";\n", Loader: api.LoaderJS},
		Bundle:      true,
		Write:       false,
		Format:      api.FormatESModule,
		LogLevel:    api.LogLevelSilent,
		TsconfigRaw: esbuildTsconfig,
		Plugins:     []api.Plugin{plugin},
	}
}

// presizeStack grows the calling goroutine's stack in one step. esbuild
// parses each file of a build on a goroutine of its own, which starts with
// the runtime's small initial stack and then runs the parser's deep
// recursion: the stack doubled three or four times a file, each time
// copying every frame and adjusting its pointers, ~20% of `check`'s CPU
// (runtime.newstack under js_parser's visitor). OnLoad runs on that
// goroutine just before its parse, while the stack is shallow, so one
// growth there (a few frames to copy) takes the place of most of them.
// Measured (`check --no-cache` on the bench workspace, interleaved): a
// 24 KB frame (a 32 KB stack) took the wall time from 0.96-1.05 s to
// 0.90-0.95 s; 48 and 96 KB did no better, 12 KB half as well.
func presizeStack() {
	reserveFrame(0)
}

// reserveFrame's frame is what presizeStack needs. Its result is never
// used, but the compiler cannot know that, so the frame stays.
//
//go:noinline
func reserveFrame(i int) byte {
	var buf [24 << 10]byte
	buf[i] = 1
	return buf[(i+len(buf)/2)%len(buf)]
}
