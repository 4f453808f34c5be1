package index

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestDropText: a walked file's text can be let go and is read back
// exactly; a text the disk no longer holds (changed, replaced by a link
// out of the root, deleted) comes back as spaces of the old length and is
// reported once; files not loaded by the walk never drop theirs.
func TestDropText(t *testing.T) {
	const events = "export function wixBilling_onInvoicePaid(event) {\n  return 1;\n}\n"
	outside := filepath.Join(t.TempDir(), "secret.js")
	if err := os.WriteFile(outside, []byte(strings.Repeat("s", len(events))), 0o644); err != nil {
		t.Fatal(err)
	}
	root := tree(t, map[string]string{
		"a/src/backend/events.js":  events,
		"b/src/backend/events.js":  events,
		"c/src/backend/events.js":  events,
		"d/src/backend/events.js":  events,
		"e/src/backend/helpers.js": "",
	})
	w := New(Options{DropTexts: true})
	w.AddRoot(root)
	var mu sync.Mutex
	var stale []string
	w.SetOnStale(func(path string) {
		mu.Lock()
		stale = append(stale, path)
		mu.Unlock()
	})
	if _, err := w.Walk(context.Background(), root, nil); err != nil {
		t.Fatal(err)
	}
	file := func(site string) *File {
		t.Helper()
		f := w.File(filepath.Join(root, site, "src", "backend", "events.js"))
		if f == nil {
			t.Fatalf("%s not indexed", site)
		}
		return f
	}
	spaces := strings.Repeat(" ", len(events))

	// The walk kept no text (Options.DropTexts).
	for _, f := range w.Files() {
		if f.Size() > 0 && f.TextHeld() {
			t.Fatalf("%s: text held after the walk", f.Rel)
		}
	}

	// Unchanged on disk: read back, held again until the next drop.
	a := file("a")
	if got := a.Text(); got != events || !a.TextHeld() {
		t.Fatalf("a: read back %q (held %v), want the text", got, a.TextHeld())
	}
	if a.Digest() != NewFile(root, a.Path, events, 0, false).Digest() || a.Size() != len(events) {
		t.Error("a: Sum/Size are not those of its text")
	}

	// Changed on disk (same length, other bytes), a link out of the root,
	// and gone: never the disk's bytes, always the old length, reported.
	b, c, d := file("b"), file("c"), file("d")
	for _, f := range []*File{b, c, d} {
		f.DropText()
	}
	if err := os.WriteFile(b.Path, []byte(strings.ToUpper(events)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(c.Path); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, c.Path); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(d.Path); err != nil {
		t.Fatal(err)
	}
	for _, f := range []*File{b, c, d} {
		for range 2 {
			if got := f.Text(); got != spaces {
				t.Errorf("%s: Text() = %q, want %d spaces", f.Rel, got, len(events))
			}
		}
		if f.TextHeld() {
			t.Errorf("%s: a stale read was kept", f.Rel)
		}
		if l := f.Lines(); l == nil {
			t.Errorf("%s: no line table", f.Rel)
		}
	}
	mu.Lock()
	got := strings.Join(stale, "\n")
	mu.Unlock()
	if want := strings.Join([]string{b.Path, c.Path, d.Path}, "\n"); got != want {
		t.Errorf("reported stale:\n%s\nwant each once:\n%s", got, want)
	}

	// Loaded alone (a watcher's re-read) or built by NewFile: the parse
	// points into the text, which stays.
	// (Changed: a re-read of the same text keeps the walk's file.)
	changed := events + "// changed\n"
	if err := os.WriteFile(b.Path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	reread := w.DiskChanged(b.Path)
	reread.DropText()
	nf := NewFile(root, a.Path, events, 0, false)
	nf.DropText()
	if !reread.TextHeld() || !nf.TextHeld() || reread.Text() != changed || nf.Text() != events {
		t.Error("a file not loaded by the walk let go of its text")
	}
	// An empty file has nothing to drop.
	e := w.File(filepath.Join(root, "e", "src", "backend", "helpers.js"))
	e.DropText()
	if !e.TextHeld() || e.Text() != "" {
		t.Error("empty file: text not empty")
	}
}

// TestKeepTexts: without Options.DropTexts (check) a walked file keeps
// its text, and its parse may point into it, so DropText leaves it.
func TestKeepTexts(t *testing.T) {
	const events = "export function wixBilling_onInvoicePaid(event) {\n  return 1;\n}\n"
	root := tree(t, map[string]string{"src/backend/events.js": events})
	w := New(Options{})
	w.AddRoot(root)
	if _, err := w.Walk(context.Background(), root, nil); err != nil {
		t.Fatal(err)
	}
	f := w.File(filepath.Join(root, "src", "backend", "events.js"))
	if f == nil {
		t.Fatal("events.js not indexed")
	}
	f.DropText()
	if !f.TextHeld() || f.Text() != events {
		t.Fatalf("text held %v, %q; want the text kept", f.TextHeld(), f.Text())
	}
}
