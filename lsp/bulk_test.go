package lsp

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// bulkApp writes a Wix CLI app with n event extensions (a builder and a
// handler file each, registered in src/extensions.ts) under root/app and
// returns the app folder and each extension's folder.
func bulkApp(t testing.TB, root string, n int) (app string, folders []string) {
	t.Helper()
	var events []*catalog.SDKEvent
	for _, e := range catalog.Default().AllSDKEvents() {
		if !e.Deprecated && e.ImportPath != "" {
			events = append(events, e)
		}
	}
	app = filepath.Join(root, "app")
	write := func(rel, text string) {
		p := filepath.Join(app, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("package.json", `{"name": "bulk", "dependencies": {"@wix/astro": "^2.74.0"}}`+"\n")
	var imports, uses []string
	for k := 0; k < n; k++ {
		e := events[k%len(events)]
		folder := fmt.Sprintf("ext-%04d", k)
		dir := "src/extensions/backend/events/" + folder + "/"
		write(dir+folder+".extension.ts", fmt.Sprintf("import { extensions } from '@wix/astro/builders';\n\nexport default extensions.event({\n  id: '%08x-0000-4000-8000-%012x',\n  source: './extensions/backend/events/%s/%s.ts',\n});\n", k, k, folder, folder))
		write(dir+folder+".ts", fmt.Sprintf("import { %s } from '%s';\n\nexport default %s.%s((event) => {\n  console.log(event.metadata.instanceId);\n});\n", e.Namespace, e.ImportPath, e.Namespace, e.Export))
		imports = append(imports, fmt.Sprintf("import ev%d from './extensions/backend/events/%s/%s.extension.ts';", k, folder, folder))
		uses = append(uses, fmt.Sprintf("  .use(ev%d)", k))
		folders = append(folders, filepath.Join(app, filepath.FromSlash(dir)))
	}
	write("src/extensions.ts", "import { app } from '@wix/astro/builders';\n"+strings.Join(imports, "\n")+"\n\nexport default app()\n"+strings.Join(uses, "\n")+";\n")
	return app, folders
}

// settle waits until the server has applied every watched-file change and
// published everything queued (white-box: LSP has no such request).
func (c *testClient) settle(timeout time.Duration) time.Duration {
	c.t.Helper()
	start := time.Now()
	// A request is answered after every earlier notification reached
	// the server: the watched-file events are queued by then.
	if _, err := c.server.Symbols(context.Background(), &protocol.WorkspaceSymbolParams{Query: "\x00"}); err != nil {
		c.t.Fatal(err)
	}
	for time.Since(start) < timeout {
		if c.srv.diags.idle() && c.srv.disk.idle() {
			return time.Since(start)
		}
		time.Sleep(5 * time.Millisecond)
	}
	c.t.Fatalf("diagnostics not settled after %v", timeout)
	return 0
}

// TestBulkWatchedFiles: a branch switch deletes 1,000 extension folders
// (2,000 files) and rewrites src/extensions.ts, all in one notification;
// then they come back. Requests are answered meanwhile, each deleted file
// gets an empty publish, and the diagnostics settle. Times are asserted
// only loosely (the benchmark measures them).
func TestBulkWatchedFiles(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 200
	}
	root := t.TempDir()
	app, folders := bulkApp(t, root, n)
	registry := filepath.Join(app, "src/extensions.ts")
	saved := map[string][]byte{}
	var paths []string
	for _, d := range folders {
		ents, _ := os.ReadDir(d)
		for _, e := range ents {
			p := filepath.Join(d, e.Name())
			b, _ := os.ReadFile(p)
			saved[p] = b
			paths = append(paths, p)
		}
	}
	registryText, _ := os.ReadFile(registry)
	c := startServer(t)
	c.initialize(root, nil)
	// Published after the walk: indexing is over.
	c.waitDiags(uri.File(registry), func([]protocol.Diagnostic) bool { return true })
	c.settle(time.Minute)
	// ext-0000 and ext-0382 handle the same event.
	c.waitDiags(uri.File(paths[1]), func(ds []protocol.Diagnostic) bool { return hasCode(ds, "duplicate-event-handler") })

	sendEvents := func(what string, events []protocol.FileEvent) {
		start := time.Now()
		if err := c.server.DidChangeWatchedFiles(context.Background(), &protocol.DidChangeWatchedFilesParams{Changes: events}); err != nil {
			t.Fatal(err)
		}
		if _, err := c.server.Symbols(context.Background(), &protocol.WorkspaceSymbolParams{Query: "ext"}); err != nil {
			t.Fatal(err)
		}
		answered := time.Since(start)
		settled := c.settle(2 * time.Minute)
		t.Logf("%s, %d events: next request answered in %v, settled %v later", what, len(events), answered, settled)
		if answered > 5*time.Second {
			t.Errorf("a request waited %v behind the watched-file changes", answered)
		}
	}
	send := func(typ protocol.FileChangeType) {
		events := []protocol.FileEvent{{URI: uri.File(registry), Type: protocol.FileChangeTypeChanged}}
		for _, p := range paths {
			events = append(events, protocol.FileEvent{URI: uri.File(p), Type: typ})
		}
		sendEvents(fmt.Sprint(typ), events)
	}

	// Delete every extension folder; the registry no longer imports them.
	for _, d := range folders {
		if err := os.RemoveAll(d); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(registry, []byte("import { app } from '@wix/astro/builders';\n\nexport default app();\n"), 0o644)
	send(protocol.FileChangeTypeDeleted)
	for _, p := range paths[:10] {
		c.waitDiags(uri.File(p), func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })
	}
	if f := c.srv.ws.File(paths[0]); f != nil {
		t.Errorf("%s still indexed after its deletion", paths[0])
	}

	// They come back, as a checkout of the other branch writes them.
	for p, b := range saved {
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, b, 0o644)
	}
	os.WriteFile(registry, registryText, 0o644)
	send(protocol.FileChangeTypeCreated)
	if f := c.srv.ws.File(paths[len(paths)-1]); f == nil {
		t.Errorf("%s not indexed after its creation", paths[len(paths)-1])
	}
	// An extension that duplicates another's event reports it again.
	c.waitDiags(uri.File(paths[1]), func(ds []protocol.Diagnostic) bool { return hasCode(ds, "duplicate-event-handler") })

	// A checkout of a branch where the first half of the extensions do
	// not exist and the second half's builders changed: deletions and
	// changes mixed in one notification.
	half := len(folders) / 2
	var events []protocol.FileEvent
	for k, d := range folders {
		name := filepath.Base(filepath.Clean(d))
		builder := filepath.Join(d, name+".extension.ts")
		if k < half {
			os.RemoveAll(d)
			events = append(events, protocol.FileEvent{URI: uri.File(builder), Type: protocol.FileChangeTypeDeleted},
				protocol.FileEvent{URI: uri.File(filepath.Join(d, name+".ts")), Type: protocol.FileChangeTypeDeleted})
			continue
		}
		os.WriteFile(builder, append(saved[builder], "// on the other branch\n"...), 0o644)
		events = append(events, protocol.FileEvent{URI: uri.File(builder), Type: protocol.FileChangeTypeChanged})
	}
	sendEvents("checkout", events)
	if c.srv.ws.File(paths[0]) != nil || c.srv.ws.File(paths[len(paths)-2]) == nil {
		t.Errorf("after the checkout: the first extension indexed %v, the last %v", c.srv.ws.File(paths[0]) != nil, c.srv.ws.File(paths[len(paths)-2]) != nil)
	}
	if !strings.Contains(c.srv.ws.File(paths[len(paths)-2]).Text(), "other branch") {
		t.Errorf("%s not re-read", paths[len(paths)-2])
	}
	// ext-0000's twin (ext-0382) no longer has a duplicate: its partner is gone.
	if n >= 1000 {
		twin := filepath.Join(folders[382], "ext-0382.ts")
		c.waitDiags(uri.File(twin), func(ds []protocol.Diagnostic) bool { return !hasCode(ds, "duplicate-event-handler") })
	}
}
