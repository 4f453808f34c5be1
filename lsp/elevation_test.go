package lsp

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

var elevationApp = map[string]string{
	"app/package.json": `{"name": "elevation"}`,
	"app/src/extensions.ts": `import { app } from '@wix/astro/builders';
import created from './extensions/backend/events/contact-created/contact-created.extension.ts';

export default app().use(created);
`,
	"app/src/extensions/backend/events/contact-created/contact-created.extension.ts": `import { extensions } from '@wix/astro/builders';
export default extensions.event({ id: '30000000-0000-4000-8000-000000000001', source: './extensions/backend/events/contact-created/contact-created.ts' });
`,
	"app/src/extensions/backend/events/contact-created/contact-created.ts": `import { contacts } from '@wix/crm';

export default contacts.onContactCreated(async (event) => {
  const contact = await contacts.getContact(event.entity._id);
  console.log(contact.info?.name);
});
`,
	"site/src/backend/events.js": `import { contacts } from 'wix-crm-backend';

export async function wixCrm_onContactCreated(event) {
  return contacts.getContact(event.entity._id);
}
`,
}

// TestElevationQuickFix: the needs-elevation quick fix, applied as an
// editor would, leaves a file the server finds clean (the syntax check
// included), for a CLI handler and for a Velo handler.
func TestElevationQuickFix(t *testing.T) {
	root := writeTree(t, elevationApp)
	c := startServer(t)
	c.initialize(root, nil)
	waitSettled(t, c.srv) // indexing's publishes done before the edits
	for _, tc := range []struct {
		path, title, want string
	}{
		{"app/src/extensions/backend/events/contact-created/contact-created.ts",
			"Elevate the call: auth.elevate(contacts.getContact)(…)",
			"import { auth } from '@wix/essentials';\nimport { contacts } from '@wix/crm';\n\nexport default contacts.onContactCreated(async (event) => {\n  const contact = await auth.elevate(contacts.getContact)(event.entity._id);"},
		{"site/src/backend/events.js",
			"Elevate the call: elevate(contacts.getContact)(…)",
			"import { elevate } from 'wix-auth';\nimport { contacts } from 'wix-crm-backend';\n\nexport async function wixCrm_onContactCreated(event) {\n  return elevate(contacts.getContact)(event.entity._id);"},
	} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			p := filepath.Join(root, filepath.FromSlash(tc.path))
			u := c.open(p, elevationApp[tc.path])
			ds := c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "needs-elevation") })
			if len(ds) != 1 {
				t.Fatalf("want needs-elevation alone, got %+v", ds)
			}
			var fix *protocol.CodeAction
			for _, a := range c.actions(u, protocol.CodeActionKindQuickFix) {
				if a.Title == tc.title {
					fix = a
				}
			}
			if fix == nil || fix.Edit == nil {
				t.Fatalf("no quick fix %q", tc.title)
			}
			applyWorkspaceEdit(t, fix.Edit)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			text := string(b)
			if !strings.HasPrefix(text, tc.want) {
				t.Fatalf("after the fix:\n%s\nwant it to start with:\n%s", text, tc.want)
			}
			if err := c.server.DidChange(context.Background(), &protocol.DidChangeTextDocumentParams{
				TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 2},
				ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: text}},
			}); err != nil {
				t.Fatal(err)
			}
			c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return c.versionOf(u) == 2 && len(ds) == 0 })
			// The esbuild check runs after the scanner rules: wait for the
			// server to settle and look again.
			waitSettled(t, c.srv)
			if ds := c.diagsOf(u); len(ds) != 0 {
				t.Errorf("after the fix (published version %d): %+v", c.versionOf(u), ds)
			}
			checkClosedClean(t, c, u)
		})
	}
}

// checkClosedClean closes the document (the server re-reads it from disk,
// as a compact parse) and expects it to stay clean.
func checkClosedClean(t *testing.T, c *testClient, u uri.URI) {
	t.Helper()
	if err := c.server.DidClose(context.Background(), &protocol.DidCloseTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}}); err != nil {
		t.Fatal(err)
	}
	waitSettled(t, c.srv)
	if ds := c.diagsOf(u); hasCode(ds, "needs-elevation") {
		t.Errorf("closed: %+v", ds)
	}
}
