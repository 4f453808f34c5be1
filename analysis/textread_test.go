package analysis

import (
	"testing"

	"github.com/wix-events-ls/wix-events-ls/testdata/gen/genws"
)

// TestCleanFilesNotReadBack: the server keeps no closed file's text
// (index.Options.DropTexts) and reads one back from disk when a rule asks
// for it. On a generated monorepo, the rules read back only the texts of
// files they report on or edit in a fix: a clean file's text is never
// read, so the first pass costs no second read of the workspace. A rule
// that reads File.Text on its happy path fails here.
func TestCleanFilesNotReadBack(t *testing.T) {
	res, err := genws.Generate(t.TempDir(), genws.Bench())
	if err != nil {
		t.Fatal(err)
	}
	ws := walkAsServer(t, res.Root)
	files := ws.Files()
	if len(files) < 1000 {
		t.Fatalf("%d files indexed, want the generated monorepo", len(files))
	}
	for _, f := range files {
		if f.Size() > 0 && f.TextHeld() {
			t.Fatalf("%s: text held after the walk", f.Rel)
		}
	}
	an := New(ws)
	reported := map[string]bool{}
	for _, f := range files {
		for _, d := range an.File(f) {
			reported[f.Path] = true
			for _, fx := range d.Fixes {
				for _, e := range fx.Edits {
					reported[e.Path] = true
				}
			}
		}
	}
	if len(reported) == 0 {
		t.Fatal("no diagnostics: the workspace should have some (the generator plants errors)")
	}
	read := 0
	for _, f := range files {
		if f.Size() == 0 || !f.TextHeld() {
			continue
		}
		read++
		if !reported[f.Path] {
			t.Errorf("%s: text read back, but nothing is reported on it", f.Rel)
		}
	}
	t.Logf("%d files, %d with findings or fix edits, %d texts read back", len(files), len(reported), read)
}
