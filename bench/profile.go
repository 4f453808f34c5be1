package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/testdata/gen/genws"
)

// profileCheck runs what `check` runs (walk, the rules of every file on
// GOMAXPROCS workers, and esbuild's batched syntax check, as
// cmd/wix-events-ls does, but one after the other) in this process, timing
// each phase apart, and writes
// dir/check.cpu.prof (the whole run) and dir/index.heap.prof (the index's
// live heap after the walk). Read them with `go tool pprof -top`.
func profileCheck(ws *genws.Result, dir string, rep *report) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cpu, err := os.Create(filepath.Join(dir, "check.cpu.prof"))
	if err != nil {
		return err
	}
	defer cpu.Close()
	if err := pprof.StartCPUProfile(cpu); err != nil {
		return err
	}
	start := time.Now()
	w := index.New(index.Options{KeepCall: analysis.KeepCall})
	w.AddRoot(ws.Root)
	if _, err := w.Walk(context.Background(), ws.Root, nil); err != nil {
		pprof.StopCPUProfile()
		return err
	}
	tWalk := time.Since(start)
	files := w.Files()
	an := analysis.New(w)
	parallel := func(fn func(f *index.File)) time.Duration {
		t := time.Now()
		var next atomic.Int64
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
					fn(files[i])
				}
			}()
		}
		wg.Wait()
		return time.Since(t)
	}
	tRules := parallel(func(f *index.File) { an.File(f) })
	t := time.Now()
	(&analysis.SyntaxChecker{}).CheckAll(files)
	tSyntax := time.Since(t)
	pprof.StopCPUProfile()

	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	heap, err := os.Create(filepath.Join(dir, "index.heap.prof"))
	if err != nil {
		return err
	}
	defer heap.Close()
	if err := pprof.Lookup("heap").WriteTo(heap, 0); err != nil {
		return err
	}
	runtime.KeepAlive(w)
	var tokens, calls int
	for _, f := range files {
		tokens += len(f.Scan.Tokens)
		calls += len(f.Scan.Calls)
	}
	rep.add("in-process `check` phases: walk+parse / rules / esbuild syntax check (batched, no cache)",
		fmt.Sprintf("%s / %s / %s", ms(tWalk), ms(tRules), ms(tSyntax)), "", "", "", nil)
	rep.add("live heap with the whole workspace indexed (after GC)", mb(int64(m.HeapAlloc)), fmt.Sprintf("%.1f MB of text", float64(ws.Bytes)/(1<<20)),
		fmt.Sprintf("%.1f×", float64(m.HeapAlloc)/float64(ws.Bytes)), "", nil)
	rep.note("profiles in %s: check.cpu.prof, index.heap.prof; the index holds %d tokens and %d calls for %d files", dir, tokens, calls, len(files))
	return nil
}
