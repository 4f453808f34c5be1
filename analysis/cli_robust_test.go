package analysis_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/wix-events-ls/wix-events-ls/analysis"
	"github.com/wix-events-ls/wix-events-ls/index"
)

// TestCLIHalfTyped runs the CLI rules over every fixture file cut short at
// many offsets and with a chunk cut out of its middle, as an editor sends
// them while the user types: no rule may panic, and every span and edit
// must lie inside its file.
func TestCLIHalfTyped(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "cli", "*.txtar"))
	step := 7
	if testing.Short() || cliRace {
		step = 29
	}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		w := loadArchive(t, ar)
		an := analysis.New(w.ws)
		for _, f := range w.ws.Files(index.KindCLIBuilder, index.KindCLIRegistration, index.KindCLIHandler) {
			orig := f.Text()
			n := 0
			try := func(text string) {
				g := w.ws.Open(f.Path, text, 1)
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("%s cut to %q: panic %v", w.rel(f.Path), text, r)
					}
				}()
				n++
				deps := []*index.File{g}
				if n%3 == 0 {
					deps = an.Dependents(g) // the other files of the app see the cut file
				}
				for _, h := range deps {
					for _, d := range an.File(h) {
						checkInside(t, w, d, text, g.Path)
					}
				}
			}
			for off := 0; off <= len(orig); off += step {
				try(orig[:off])
				if mid := off + len(orig)/4; mid < len(orig) {
					try(orig[:off] + orig[mid:])
				}
			}
			w.ws.Close(f.Path)
		}
	}
}

func checkInside(t *testing.T, w *cliWorkspace, d analysis.Diagnostic, text, path string) {
	t.Helper()
	size := func(p string) int {
		if p == path {
			return len(text)
		}
		if g := w.ws.File(p); g != nil {
			return len(g.Text())
		}
		return 0
	}
	if d.Span.Start < 0 || d.Span.End < d.Span.Start || int(d.Span.End) > size(d.Path) {
		t.Errorf("%s: %s span %+v outside the file (%d bytes)", w.rel(d.Path), d.Code, d.Span, size(d.Path))
	}
	for _, fx := range d.Fixes {
		for _, e := range fx.Edits {
			if e.Create {
				continue
			}
			if e.Span.Start < 0 || e.Span.End < e.Span.Start || int(e.Span.End) > size(e.Path) {
				t.Errorf("%s: %s fix %q edit %+v outside %s (%d bytes)", w.rel(d.Path), d.Code, fx.Title, e.Span, w.rel(e.Path), size(e.Path))
			}
		}
		if strings.TrimSpace(fx.Title) == "" {
			t.Errorf("%s: %s has a fix without a title", w.rel(d.Path), d.Code)
		}
	}
}
