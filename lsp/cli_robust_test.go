package lsp

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/internal/markers"
)

// TestCLIHooksEveryOffset calls every CLI editor hook at every offset of
// every fixture file, and completion at the end of the file cut short at
// each offset (the cursor of someone typing it): none may panic, and every
// range must lie in its document.
func TestCLIHooksEveryOffset(t *testing.T) {
	var files []string
	for _, g := range []string{"testdata/cli/*.txtar", "testdata/cli/features/*.txtar"} {
		fs, _ := filepath.Glob(g)
		files = append(files, fs...)
	}
	step := 1
	if testing.Short() || cliRace {
		step = 11
	}
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		for _, f := range ar.Files {
			text, _ := markers.Strip(f.Name, string(f.Data))
			p := filepath.Join(dir, filepath.FromSlash(f.Name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s := NewServer(nil)
		s.ws.AddRoot(dir)
		if _, err := s.ws.Walk(context.Background(), dir, nil); err != nil {
			t.Fatal(err)
		}
		for _, f := range s.ws.Files(index.KindCLIBuilder, index.KindCLIRegistration, index.KindCLIHandler) {
			for off := 0; off <= len(f.Text()); off += step {
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("%s at %d: panic %v", f.Rel, off, r)
						}
					}()
					items, _ := completeCLI(s, f, off)
					for _, it := range items {
						if it.TextEdit == nil {
							t.Errorf("%s at %d: item %q without edit", f.Rel, off, it.Label)
						}
					}
					if _, sp, ok := hoverCLI(s, f, off); ok && (sp.Start < 0 || int(sp.End) > len(f.Text()) || sp.Start > sp.End) {
						t.Errorf("%s at %d: hover span %+v", f.Rel, off, sp)
					}
					for _, l := range append(definitionCLI(s, f, off), referencesCLI(s, f, off)...) {
						p, _ := filePath(l.URI)
						if g := s.ws.File(p); g != nil && int(l.Range.End.Line) >= g.Lines().LineCount() {
							t.Errorf("%s at %d: location %+v past the end", f.Rel, off, l)
						}
					}
				}()
			}
			for _, sym := range symbolsCLI(s, f) {
				if sym.span.Start > sym.sel.Start || sym.span.End < sym.sel.End || int(sym.span.End) > len(f.Text()) {
					t.Errorf("%s: symbol %q span %+v does not hold %+v", f.Rel, sym.name, sym.span, sym.sel)
				}
			}
			orig := f.Text()
			for off := 0; off <= len(orig); off += step * 3 {
				g := s.ws.Open(f.Path, orig[:off], 1)
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("%s cut at %d: panic %v", f.Rel, off, r)
						}
					}()
					completeCLI(s, g, off)
					hoverCLI(s, g, off)
					symbolsCLI(s, g)
				}()
			}
			s.ws.Close(f.Path)
		}
	}
}
