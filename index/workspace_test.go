package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/config"
)

func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func rels(fs []*File) map[string]Kind {
	out := map[string]Kind{}
	for _, f := range fs {
		out[f.Rel] = f.Kind
	}
	return out
}

func TestWalkSkipsAndClassifies(t *testing.T) {
	root := tree(t, map[string]string{
		"sites/shop/src/backend/events.js":                      "export function wixBilling_onInvoicePaid(event) {}",
		"sites/shop/src/backend/data.js":                        "",
		"sites/shop/src/pages/Home.js":                          "",
		"sites/shop/node_modules/x/src/backend/events.js":       "",
		"sites/shop/.wix/backend/events.js":                     "",
		"sites/shop/dist/backend/events.js":                     "",
		"generated/backend/events.js":                           "",
		"apps/a/package.json":                                   "{}",
		"apps/a/src/extensions.ts":                              "",
		"apps/a/src/extensions/backend/events/x/x.extension.ts": "",
		"apps/a/src/extensions/backend/events/x/x.ts":           "",
		".wix-events.json":                                      `{"ignore": ["generated/**"]}`,
	})
	ws := New(Options{})
	ws.AddRoot(root)
	stats, err := ws.Walk(context.Background(), root, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := rels(ws.Files())
	want := map[string]Kind{
		"sites/shop/src/backend/events.js":                      KindVeloEvents,
		"sites/shop/src/backend/data.js":                        KindVeloData,
		"apps/a/src/extensions.ts":                              KindCLIRegistration,
		"apps/a/src/extensions/backend/events/x/x.extension.ts": KindCLIBuilder,
		"apps/a/src/extensions/backend/events/x/x.ts":           KindCLIHandler,
	}
	if len(got) != len(want) {
		t.Errorf("indexed %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: kind %v, want %v", k, got[k], v)
		}
	}
	if stats.Indexed != len(want) {
		t.Errorf("stats.Indexed = %d", stats.Indexed)
	}
	if app := ws.AppRoot(filepath.Join(root, "apps/a/src/extensions.ts")); app != filepath.Join(root, "apps/a") {
		t.Errorf("AppRoot = %q", app)
	}
}

func TestOpenWinsAndClose(t *testing.T) {
	root := tree(t, map[string]string{"src/backend/events.js": "disk"})
	ws := New(Options{})
	ws.AddRoot(root)
	ws.Walk(context.Background(), root, nil)
	p := filepath.Join(root, "src/backend/events.js")
	ws.Open(p, "buffer", 3)
	if f := ws.DiskChanged(p); f.Text() != "buffer" || !f.Open || f.Version != 3 {
		t.Errorf("disk change replaced the open buffer: %+v", f)
	}
	if f := ws.Close(p); f == nil || f.Text() != "disk" || f.Open {
		t.Errorf("close did not fall back to disk: %+v", f)
	}
}

func TestSizeCapNotice(t *testing.T) {
	root := tree(t, map[string]string{"src/backend/events.js": "export function a() {}\n" + string(make([]byte, 4096))})
	ws := New(Options{MaxFileSize: 1024})
	ws.AddRoot(root)
	stats, _ := ws.Walk(context.Background(), root, nil)
	if len(ws.Files()) != 0 || len(stats.Notices) != 1 {
		t.Errorf("files %d, notices %+v", len(ws.Files()), stats.Notices)
	}
}

func TestSiteEventsScopes(t *testing.T) {
	root := tree(t, map[string]string{
		"src/backend/events.js":            "",
		"backend/events.js":                "",
		"src/packages/p/backend/events.js": "",
		"other/src/backend/events.js":      "",
	})
	ws := New(Options{Config: config.Config{}})
	ws.AddRoot(root)
	ws.Walk(context.Background(), root, nil)
	f := ws.File(filepath.Join(root, "src/backend/events.js"))
	if got := len(ws.SiteEvents(f)); got != 2 {
		t.Errorf("site events of the root site: %d, want 2 (src/backend and backend)", got)
	}
	pkg := ws.File(filepath.Join(root, "src/packages/p/backend/events.js"))
	if got := len(ws.SiteEvents(pkg)); got != 1 {
		t.Errorf("a Velo package is its own scope: %d", got)
	}
}
