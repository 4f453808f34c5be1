package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/testdata/gen/genws"
)

func generate(b *testing.B) *genws.Result {
	b.Helper()
	res, err := genws.Generate(b.TempDir(), genws.Bench())
	if err != nil {
		b.Fatal(err)
	}
	return res
}

func walked(b *testing.B, res *genws.Result) *Workspace {
	b.Helper()
	ws := New(Options{})
	ws.AddRoot(res.Root)
	st, err := ws.Walk(context.Background(), res.Root, nil)
	if err != nil {
		b.Fatal(err)
	}
	if st.Indexed != len(res.Relevant) {
		b.Fatalf("indexed %d files, the generator wrote %d relevant ones", st.Indexed, len(res.Relevant))
	}
	return ws
}

// BenchmarkWalk is the index build: walk (skipping node_modules), read,
// classify and parse every relevant file.
func BenchmarkWalk(b *testing.B) {
	res := generate(b)
	walked(b, res) // warm the page cache
	b.SetBytes(res.Bytes)
	b.ReportAllocs()
	for b.Loop() {
		ws := New(Options{})
		ws.AddRoot(res.Root)
		if _, err := ws.Walk(context.Background(), res.Root, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(res.Relevant)), "files/op")
}

// BenchmarkQueries are the cross-file lookups the analysis makes for every
// file it checks, right after an edit replaced one file (the views are
// patched, not rebuilt).
func BenchmarkQueries(b *testing.B) {
	res := generate(b)
	ws := walked(b, res)
	big := ws.File(res.BigEvents)
	handler := ws.File(res.Handler)
	// Each sub-benchmark first replaces the big events.js (an edit), so the
	// queries run on views patched after a change, as while typing.
	edit := func(b *testing.B, i int) {
		ws.Open(res.BigEvents, big.Text()+fmt.Sprintf("// %d\n", i), int32(i))
	}
	b.Run("Files(cli kinds)", func(b *testing.B) {
		b.ReportAllocs()
		edit(b, 1)
		for b.Loop() {
			if len(ws.Files(KindCLIBuilder, KindCLIRegistration, KindCLIHandler)) == 0 {
				b.Fatal("no CLI files")
			}
		}
	})
	b.Run("SiteEvents", func(b *testing.B) {
		b.ReportAllocs()
		edit(b, 1)
		for b.Loop() {
			if len(ws.SiteEvents(big)) != 1 {
				b.Fatal("SiteEvents")
			}
		}
	})
	b.Run("AppRoot", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if ws.AppRoot(handler.Path) != res.AppRoot {
				b.Fatal("AppRoot")
			}
		}
	})
	b.Run("AppFiles", func(b *testing.B) {
		b.ReportAllocs()
		edit(b, 1)
		for b.Loop() {
			if len(ws.AppFiles(res.AppRoot)) == 0 {
				b.Fatal("AppFiles")
			}
		}
	})
	b.Run("Within", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if !Within(res.AppRoot, handler.Path) || Within(handler.Path, res.AppRoot) {
				b.Fatal("Within")
			}
		}
	})
}

// BenchmarkEdit is what one keystroke in the 2,000-line events.js costs the
// index: parse the new text and store it (the views are patched in place).
func BenchmarkEdit(b *testing.B) {
	res := generate(b)
	ws := walked(b, res)
	text := ws.File(res.BigEvents).Text()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	i := int32(0)
	for b.Loop() {
		i++
		ws.Open(res.BigEvents, text, i)
	}
}

// withinRef is within as filepath.Rel defines it (the code before the
// string fast path).
func withinRef(dir, path string) bool {
	if dir == path {
		return true
	}
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func TestWithinFastPathMatchesRel(t *testing.T) {
	elems := []string{"", ".", "..", "a", "ab", "a.b", "..a", "a..", "src", "/", "//"}
	r := rand.New(rand.NewPCG(1, 2))
	gen := func() string {
		var b strings.Builder
		if r.IntN(5) > 0 {
			b.WriteByte('/')
		}
		for n := r.IntN(5); n > 0; n-- {
			b.WriteString(elems[r.IntN(len(elems))])
			if r.IntN(4) > 0 {
				b.WriteByte('/')
			}
		}
		return b.String()
	}
	for i := 0; i < 200000; i++ {
		dir, path := gen(), gen()
		if r.IntN(3) == 0 {
			path = dir + gen()
		}
		if got, want := within(dir, path), withinRef(dir, path); got != want {
			t.Fatalf("within(%q, %q) = %v, filepath.Rel says %v", dir, path, got, want)
		}
		if cleanAbs(dir) != (filepath.IsAbs(dir) && filepath.Clean(dir) == dir) {
			t.Fatalf("cleanAbs(%q) = %v", dir, cleanAbs(dir))
		}
		if abs, err := filepath.Abs(path); err == nil && clean(path) != abs {
			t.Fatalf("clean(%q) = %q, filepath.Abs gives %q", path, clean(path), abs)
		}
	}
}

// TestViewsMatchNaive runs random opens, edits, closes, disk changes and
// package.json changes, and compares every query with its definition
// computed from scratch.
func TestViewsMatchNaive(t *testing.T) {
	root := t.TempDir()
	var rels []string
	for app := 0; app < 3; app++ {
		for e := 0; e < 3; e++ {
			rels = append(rels,
				fmt.Sprintf("apps/a%d/src/extensions/backend/events/e%d/e%d.extension.ts", app, e, e),
				fmt.Sprintf("apps/a%d/src/extensions/backend/events/e%d/e%d.ts", app, e, e))
		}
		rels = append(rels, fmt.Sprintf("apps/a%d/src/extensions.ts", app))
	}
	for s := 0; s < 3; s++ {
		rels = append(rels, fmt.Sprintf("sites/s%d/src/backend/events.js", s), fmt.Sprintf("sites/s%d/src/backend/data.js", s),
			fmt.Sprintf("sites/s%d/backend/events.js", s), fmt.Sprintf("sites/s%d/src/backend/packages/p/backend/events.js", s))
	}
	write := func(rel, text string) string {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, rel := range rels {
		write(rel, "export const x = 1;\n")
	}
	for app := 0; app < 3; app++ {
		write(fmt.Sprintf("apps/a%d/package.json", app), "{}")
	}
	ws := New(Options{})
	ws.AddRoot(root)
	if _, err := ws.Walk(context.Background(), root, nil); err != nil {
		t.Fatal(err)
	}
	naiveFiles := func(kinds ...Kind) []*File {
		ws.mu.RLock()
		defer ws.mu.RUnlock()
		var out []*File
		for _, f := range ws.files {
			ok := len(kinds) == 0
			for _, k := range kinds {
				ok = ok || f.Kind == k
			}
			if ok {
				out = append(out, f)
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
		return out
	}
	naiveAppRoot := func(path string) string {
		ws.mu.RLock()
		defer ws.mu.RUnlock()
		best := ""
		for a := range ws.appRoots {
			if withinRef(a, path) && len(a) > len(best) {
				best = a
			}
		}
		return best
	}
	same := func(what string, got, want []*File) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d files, want %d", what, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%s[%d] = %s v%d, want %s v%d", what, i, got[i].Path, got[i].Version, want[i].Path, want[i].Version)
			}
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	for step := 0; step < 3000; step++ {
		rel := rels[r.IntN(len(rels))]
		p := filepath.Join(root, filepath.FromSlash(rel))
		switch r.IntN(7) {
		case 0, 1:
			ws.Open(p, fmt.Sprintf("export const x = %d;\n", step), int32(step))
		case 2:
			ws.Close(p)
		case 3:
			os.Remove(p)
			ws.DiskChanged(p)
		case 4:
			write(rel, fmt.Sprintf("export const y = %d;\n", step))
			ws.DiskChanged(p)
		case 5:
			pj := filepath.Join(root, "apps", fmt.Sprintf("a%d", r.IntN(3)), "package.json")
			if r.IntN(2) == 0 {
				os.Remove(pj)
			} else {
				os.WriteFile(pj, []byte("{}"), 0o644)
			}
			ws.DiskChanged(pj)
		case 6:
			_ = ws.Files(KindCLIHandler) // build a view mid-sequence
		}
		same("Files()", ws.Files(), naiveFiles())
		same("Files(cli)", ws.Files(cliKinds...), naiveFiles(cliKinds...))
		same("Files(velo events)", ws.Files(KindVeloEvents), naiveFiles(KindVeloEvents))
		same("Files(other)", ws.Files(KindOther), naiveFiles(KindOther))
		for _, f := range naiveFiles(KindVeloEvents) {
			var want []*File
			if scope, pkg := SiteScope(f.Rel); pkg {
				want = []*File{f}
			} else {
				for _, g := range naiveFiles(KindVeloEvents) {
					if s, p := SiteScope(g.Rel); g.Root == f.Root && !p && s == scope {
						want = append(want, g)
					}
				}
			}
			same("SiteEvents("+f.Rel+")", ws.SiteEvents(f), want)
		}
		for app := 0; app < 4; app++ {
			a := filepath.Join(root, "apps", fmt.Sprintf("a%d", app))
			var want []*File
			for _, f := range naiveFiles(cliKinds...) {
				if naiveAppRoot(f.Path) == a {
					want = append(want, f)
				}
			}
			same("AppFiles("+a+")", ws.AppFiles(a), want)
		}
		for _, rel := range rels {
			p := filepath.Join(root, filepath.FromSlash(rel))
			if got, want := ws.AppRoot(p), naiveAppRoot(p); got != want {
				t.Fatalf("AppRoot(%s) = %q, want %q", rel, got, want)
			}
		}
	}
}
