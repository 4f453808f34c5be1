package analysis

import (
	"context"
	"runtime"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/testdata/gen/genws"
)

// BenchmarkLiveHeap measures what a whole indexed workspace keeps alive,
// exactly (HeapAlloc after a GC, not a sampled profile), with the server's
// options: the index (compact parses; no closed file's text, see
// index.Options.DropTexts), the CLI app models the rules build on top, and
// all of it once the texts the rules read back (files with diagnostics)
// are let go again (settled-MB: what the server keeps after its first
// pass). It is the number behind the server's peak RSS, which the Go heap
// reaches at about twice its live size. Run it with -benchtime=1x on the
// issue's workspace:
//
//	WIX_BENCH_WS=default go test -run - -bench LiveHeap -benchtime=1x ./analysis
func BenchmarkLiveHeap(b *testing.B) {
	res, err := genws.Generate(b.TempDir(), genws.Bench())
	if err != nil {
		b.Fatal(err)
	}
	live := func() float64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc)
	}
	for b.Loop() {
		base := live()
		ws := walkAsServer(b, res.Root)
		files := ws.Files()
		indexed := live()
		an := New(ws)
		for _, f := range files {
			an.File(f)
		}
		analysed := live()
		var text int
		for _, f := range files {
			text += f.Size()
		}
		// What the server holds once every file is published and checked:
		// the closed files' texts let go (index.File.DropText).
		for _, f := range files {
			f.DropText()
		}
		dropped := live()
		b.ReportMetric((indexed-base)/(1<<20), "index-MB")
		b.ReportMetric(float64(text)/(1<<20), "text-MB")
		b.ReportMetric((analysed-indexed)/(1<<20), "models-MB")
		b.ReportMetric((analysed-base)/float64(len(files)), "live-B/file")
		b.ReportMetric((dropped-base)/(1<<20), "settled-MB")
		runtime.KeepAlive(an)
		runtime.KeepAlive(files)
	}
}

// walkAsServer indexes root with the server's options (closed texts
// dropped at the walk).
func walkAsServer(tb testing.TB, root string) *index.Workspace {
	tb.Helper()
	ws := index.New(index.Options{KeepCall: KeepCall, DropTexts: true})
	ws.AddRoot(root)
	if _, err := ws.Walk(context.Background(), root, nil); err != nil {
		tb.Fatal(err)
	}
	return ws
}
