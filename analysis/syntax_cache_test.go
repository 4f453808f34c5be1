package analysis

import (
	"path/filepath"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/index"
	"github.com/wix-events-ls/wix-events-ls/internal/syntaxcache"
)

// A clean verdict is reused by the next run; a file with an error is parsed
// (and reported) every time.
func TestSyntaxCheckerCache(t *testing.T) {
	if esbuildVersion() == "" {
		t.Skip("no build info for esbuild: the cache is off")
	}
	dir := t.TempDir()
	root := t.TempDir()
	clean := index.NewFile(root, filepath.Join(root, "src/backend/events.js"), "export function wixStores_onCartCreated(event) {}\n", 0, false)
	broken := index.NewFile(root, filepath.Join(root, "src/backend/data.js"), "export function f( {\n", 0, false)
	tests := []struct {
		run      string
		wantHits int
	}{
		{"cold", 0},
		{"warm", 1},
		{"warm again", 1},
	}
	for _, tt := range tests {
		sc := &SyntaxChecker{Cache: syntaxcache.Open(dir)}
		if ds := sc.Check(clean); len(ds) != 0 {
			t.Fatalf("%s: clean file reported %v", tt.run, ds)
		}
		if ds := sc.Check(broken); len(ds) != 1 || ds[0].Code != "syntax-error" {
			t.Fatalf("%s: broken file gave %v, want one syntax-error", tt.run, ds)
		}
		if got := sc.Cache.Hits(); got != tt.wantHits {
			t.Errorf("%s: %d cache hits, want %d", tt.run, got, tt.wantHits)
		}
		if err := sc.Cache.Save(); err != nil {
			t.Fatal(err)
		}
	}
	// The same text under another loader is another verdict.
	ts := index.NewFile(root, filepath.Join(root, "src/extensions/backend/events/a/a.ts"), clean.Text(), 0, false)
	sc := &SyntaxChecker{Cache: syntaxcache.Open(dir)}
	sc.Check(ts)
	if sc.Cache.Hits() != 0 {
		t.Error("a .ts file hit the .js file's verdict")
	}
}
