package lsp

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

// TestClosedTextsDropped: once the first pass is over (every file
// published, esbuild's verdicts in), the server holds no closed file's
// text (the walk keeps none: index.Options.DropTexts; those read back for
// a diagnostic's positions or fixes go again after the publish). A
// dependent re-diagnosed later reads its text back and reports at the
// right place; one whose file changed on disk behind the server's back is
// re-read as a change once its text is read, not diagnosed with its old
// parse over new bytes.
func TestClosedTextsDropped(t *testing.T) {
	const idA, idB = "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"
	builder := func(name, id string) string {
		return "import { extensions } from '@wix/astro/builders';\n\nexport default extensions.event({\n  id: '" + id + "',\n  source: './extensions/backend/events/" + name + "/" + name + ".ts',\n});\n"
	}
	handler := func(event string) string {
		return "import { contacts } from '@wix/crm';\nexport default contacts." + event + "((event) => {\n  event.data;\n});\n"
	}
	files := map[string]string{
		"src/backend/events.js":                              "export function wixBilling_onInvoicePaid(event) {\n  return event.invoice;\n}\n",
		"src/backend/data.js":                                "export function Orders_beforeInsert(item) { return item; }\n",
		"app/package.json":                                   `{"name":"app"}`,
		"app/src/extensions.ts":                              "import { app } from '@wix/astro/builders';\nimport a from './extensions/backend/events/a/a.extension.ts';\nimport b from './extensions/backend/events/b/b.extension.ts';\nexport default app().use(a).use(b);\n",
		"app/src/extensions/backend/events/a/a.extension.ts": builder("a", idA),
		"app/src/extensions/backend/events/a/a.ts":           handler("onContactCreated"),
		"app/src/extensions/backend/events/b/b.extension.ts": builder("b", idB),
		"app/src/extensions/backend/events/b/b.ts":           handler("onContactUpdated"),
	}
	root := writeTree(t, files)
	p := func(rel string) string { return filepath.Join(root, filepath.FromSlash(rel)) }
	c := startServer(t)
	c.initialize(root, nil)
	for rel := range files {
		if filepath.Ext(rel) != ".json" {
			c.waitDiags(uri.File(p(rel)), func([]protocol.Diagnostic) bool { return true })
		}
	}
	waitSettled(t, c.srv)

	// The drops follow the last publish and verdict of each file (the
	// initialized handshake may index twice): poll for them.
	heldTexts := func() (held []string) {
		for _, f := range c.srv.ws.Files() {
			if f.TextHeld() && f.Size() > 0 {
				held = append(held, f.Rel)
			}
		}
		return held
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(heldTexts()) > 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n, held := len(c.srv.ws.Files()), heldTexts(); n < 7 || len(held) > 0 {
		t.Fatalf("%d files indexed; after the first pass these still hold their text: %v", n, held)
	}

	// b's id becomes a's on disk: a, closed and dropped, is re-diagnosed as
	// b's dependent and reports the duplicate on its own id (line 4).
	aPath, bPath := p("app/src/extensions/backend/events/a/a.extension.ts"), p("app/src/extensions/backend/events/b/b.extension.ts")
	if err := os.WriteFile(bPath, []byte(builder("b", idA)), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notifyChanged(bPath)
	onID := func(ds []protocol.Diagnostic) bool {
		for _, d := range ds {
			if hasCode([]protocol.Diagnostic{d}, "duplicate-extension-id") && d.Range.Start.Line == 3 && d.Range.Start.Character == 6 {
				return true
			}
		}
		return false
	}
	c.waitDiags(uri.File(aPath), onID)

	// a's builder changes on disk with no watcher event (an editor that
	// does not watch, a tool writing behind its back); then b's changes
	// (still a's id), which re-diagnoses a as its dependent. The rules read
	// no closed text on their happy path, but a's duplicate-id fix does:
	// a's dropped text no longer matches its parse, so the server re-reads
	// a as a change and reports its new, invalid id, rather than the old
	// parse's spans over new bytes.
	if err := os.WriteFile(aPath, []byte(builder("a", "not-a-uuid")), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bPath, []byte(builder("b", idA)+"// touched\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notifyChanged(bPath)
	c.waitDiags(uri.File(aPath), func(ds []protocol.Diagnostic) bool {
		for _, d := range ds {
			if hasCode([]protocol.Diagnostic{d}, "invalid-extension-id") && d.Range.Start.Line == 3 {
				return !onID(ds)
			}
		}
		return false
	})
}

// notifyChanged sends workspace/didChangeWatchedFiles for one changed file.
func (c *testClient) notifyChanged(path string) {
	c.t.Helper()
	if err := c.server.DidChangeWatchedFiles(context.Background(), &protocol.DidChangeWatchedFilesParams{
		Changes: []protocol.FileEvent{{URI: uri.File(path), Type: protocol.FileChangeTypeChanged}},
	}); err != nil {
		c.t.Fatal(err)
	}
}
