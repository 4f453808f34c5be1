package analysis

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/testdata/gen/genws"
)

type benchWS struct {
	res *genws.Result
	ws  *index.Workspace
	an  *Analyzer
}

func setup(b *testing.B) benchWS {
	b.Helper()
	res, err := genws.Generate(b.TempDir(), genws.Bench())
	if err != nil {
		b.Fatal(err)
	}
	ws := index.New(index.Options{KeepCall: KeepCall})
	ws.AddRoot(res.Root)
	if _, err := ws.Walk(context.Background(), res.Root, nil); err != nil {
		b.Fatal(err)
	}
	return benchWS{res, ws, New(ws)}
}

// BenchmarkFile is the scanner-level analysis of one file: what the server
// runs on every keystroke and `check` on every file.
func BenchmarkFile(b *testing.B) {
	w := setup(b)
	for _, c := range []struct{ name, path string }{
		{"events.js-2000-lines", w.res.BigEvents},
		{"cli-builder", w.res.Builder},
		{"cli-handler", w.res.Handler},
	} {
		f := w.ws.File(c.path)
		if f == nil {
			b.Fatalf("%s is not indexed", c.path)
		}
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(f.Text())))
			b.ReportAllocs()
			for b.Loop() {
				w.an.File(f)
			}
		})
	}
}

// BenchmarkApp analyses every file of one Wix CLI app (what a change to a
// builder or the registration re-publishes).
func BenchmarkApp(b *testing.B) {
	w := setup(b)
	files := w.ws.AppFiles(w.res.AppRoot)
	if len(files) == 0 {
		b.Fatal("no app files")
	}
	var size int64
	for _, f := range files {
		size += int64(len(f.Text()))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			w.an.File(f)
		}
	}
	b.ReportMetric(float64(len(files)), "files/op")
}

// BenchmarkWorkspace analyses every indexed file, as `check` does (without
// the syntax check, measured apart).
func BenchmarkWorkspace(b *testing.B) {
	w := setup(b)
	files := w.ws.Files()
	b.SetBytes(w.res.Bytes)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			w.an.File(f)
		}
	}
	b.ReportMetric(float64(len(files)), "files/op")
}

// BenchmarkSyntaxCheck is esbuild's parse of one file.
func BenchmarkSyntaxCheck(b *testing.B) {
	w := setup(b)
	for _, c := range []struct{ name, path string }{
		{"events.js-2000-lines", w.res.BigEvents},
		{"cli-handler", w.res.Handler},
	} {
		f := w.ws.File(c.path)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(f.Text())))
			b.ReportAllocs()
			for b.Loop() {
				SyntaxCheck(f)
			}
		})
	}
}

// BenchmarkSyntaxCheckWorkspace is esbuild's check of 200 indexed files
// (no cache; the workspace's mix of Velo and CLI files), one Transform
// each against CheckAll's batches: the ratio is what batching buys,
// measured side by side in one run.
func BenchmarkSyntaxCheckWorkspace(b *testing.B) {
	w := setup(b)
	all := w.ws.Files()
	var files []*index.File
	var size int64
	for i := 0; i < len(all) && len(files) < 200; i += max(1, len(all)/200) {
		files = append(files, all[i])
		size += int64(len(all[i].Text()))
	}
	b.Run("transform-each", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range files {
				SyntaxCheck(f)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
	})
	b.Run("batched", func(b *testing.B) {
		sc := &SyntaxChecker{}
		defer sc.Release()
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			sc.CheckAll(files)
			// A fresh context each time: the context's cache would answer
			// the same batch again without parsing it.
			sc.Release()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(files)), "ns/file")
	})
}

// BenchmarkDependents is the fan-out of one change.
func BenchmarkDependents(b *testing.B) {
	w := setup(b)
	for _, c := range []struct{ name, path string }{
		{"events.js", w.res.BigEvents},
		{"cli-handler", w.res.Handler},
	} {
		f := w.ws.File(c.path)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w.an.Dependents(f)
			}
		})
	}
}

// TestDependentsMatchesDefinition checks the indexed Dependents of CLI files
// against its definition (every CLI file with the same appRootOf), with
// package.json apps, an app without package.json, and a nested app.
func TestDependentsMatchesDefinition(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"a/package.json":      "{}",
		"a/src/extensions.ts": "",
		"a/src/extensions/backend/events/x/x.extension.ts":        "",
		"a/src/extensions/backend/events/x/x.ts":                  "",
		"a/nested/package.json":                                   "{}",
		"a/nested/src/extensions.ts":                              "",
		"a/nested/src/extensions/backend/events/y/y.ts":           "",
		"b/src/extensions.ts":                                     "",
		"b/src/extensions/backend/events/z/z.extension.ts":        "",
		"b/src/extensions/backend/events/z/z.ts":                  "",
		"c/deeper/src/backend/events/legacy/event.ts":             "",
		"c/deeper/src/extensions/backend/events/w/w.extension.ts": "",
		"loose/backend/events/v/v.ts":                             "",
		"sites/s/src/backend/events.js":                           "",
	}
	for rel, text := range files {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ws := index.New(index.Options{KeepCall: KeepCall})
	ws.AddRoot(root)
	if _, err := ws.Walk(context.Background(), root, nil); err != nil {
		t.Fatal(err)
	}
	an := New(ws)
	for _, f := range ws.Files() {
		got := an.Dependents(f)
		var want []*index.File
		switch {
		case f.Kind == index.KindVeloEvents:
			want = ws.SiteEvents(f)
		case f.Kind.CLI() && appRootOf(ws, f.Path) != "":
			for _, g := range ws.Files(index.KindCLIBuilder, index.KindCLIRegistration, index.KindCLIHandler) {
				if appRootOf(ws, g.Path) == appRootOf(ws, f.Path) {
					want = append(want, g)
				}
			}
		default:
			want = []*index.File{f}
		}
		if len(got) != len(want) {
			t.Fatalf("Dependents(%s): %d files, want %d", f.Rel, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("Dependents(%s)[%d] = %s, want %s", f.Rel, i, got[i].Rel, want[i].Rel)
			}
		}
	}
}
