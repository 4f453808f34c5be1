package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestFolderQueries: the files a folder event stands for, in the index
// (FilesUnder: not a sibling with the folder's name as a prefix) and on
// disk (PathsUnder: not node_modules); Skipped and Tracked; a re-read of an
// unchanged file keeps the file and the generation.
func TestFolderQueries(t *testing.T) {
	root := t.TempDir()
	for _, rel := range []string{
		"src/backend/events.js", "src/backend/data.js", "src/backend-old/events.js",
		"src/backend/node_modules/x/events.js", "README.md",
	} {
		p := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("export function wixBilling_onInvoicePaid(event) {}\n"), 0o644)
	}
	w := New(Options{})
	w.AddRoot(root)
	if _, err := w.Walk(context.Background(), root, nil); err != nil {
		t.Fatal(err)
	}
	backend := filepath.Join(root, "src/backend")
	if got := len(w.FilesUnder(backend)); got != 2 {
		t.Errorf("FilesUnder(src/backend) = %d files, want 2 (not src/backend-old, not node_modules)", got)
	}
	if got := len(w.FilesUnder(filepath.Join(backend, "events.js"))); got != 1 {
		t.Errorf("FilesUnder(a file) = %d, want the file", got)
	}
	if got := len(w.FilesUnder(filepath.Join(backend, "events"))); got != 0 {
		t.Errorf("FilesUnder(src/backend/events) = %d, want none (events.js is not under it)", got)
	}
	if got := len(w.PathsUnder(filepath.Join(root, "src"))); got != 2 {
		t.Errorf("PathsUnder(src) = %d paths, want 2 (not node_modules, not untracked kinds)", got)
	}
	if got := w.PathsUnder(filepath.Join(backend, "node_modules")); len(got) != 0 {
		t.Errorf("PathsUnder(node_modules) = %v", got)
	}
	if !w.Skipped(filepath.Join(backend, "node_modules/x/events.js")) || w.Skipped(filepath.Join(backend, "events.js")) || !w.Skipped("/elsewhere/events.js") {
		t.Error("Skipped")
	}
	if !w.Tracked(filepath.Join(backend, "gone.js")) || w.Tracked(filepath.Join(root, "README.md")) {
		t.Error("Tracked")
	}
	p := filepath.Join(backend, "events.js")
	cur, gen := w.File(p), w.Generation()
	if f := w.DiskChanged(p); f != cur || w.Generation() != gen {
		t.Errorf("an unchanged re-read replaced the file (%v) or moved the generation (%d → %d)", f != cur, gen, w.Generation())
	}
	os.WriteFile(p, []byte("export function wixBiling_onInvoicePaid(event) {}\n"), 0o644)
	if f := w.DiskChanged(p); f == cur || w.Generation() == gen {
		t.Error("a changed file was not replaced")
	}
}
