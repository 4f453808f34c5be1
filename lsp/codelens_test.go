package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
	"go.lsp.dev/uri"
)

const lensID1 = "6f1d2e3c-4b5a-4c6d-8e7f-8091a2b3c4d5"

// lensApp is a CLI app with one registered event extension and one that
// src/extensions.ts never uses.
var lensApp = map[string]string{
	"app/package.json":      `{"name": "app", "dependencies": {"@wix/astro": "^2.0.0", "@wix/crm": "^1.0.0"}}`,
	"app/src/extensions.ts": "import { app } from '@wix/astro/builders';\nimport contactCreated from './extensions/backend/events/contact-created/contact-created.extension.ts';\n\nexport default app().use(contactCreated);\n",
	"app/src/extensions/backend/events/contact-created/contact-created.extension.ts": "import { extensions } from '@wix/astro/builders';\n\nexport default extensions.event({\n  id: '" + lensID1 + "',\n  source: './extensions/backend/events/contact-created/contact-created.ts',\n});\n",
	"app/src/extensions/backend/events/contact-created/contact-created.ts":           "import { contacts } from '@wix/crm';\n\nexport default contacts.onContactCreated((event) => {});\n",
	"app/src/extensions/backend/events/contact-deleted/contact-deleted.extension.ts": "import { extensions } from '@wix/astro/builders';\n\nexport default extensions.event({\n  id: '{{GENERATE_UUID}}',\n  source: './extensions/backend/events/contact-deleted/contact-deleted.ts',\n});\n",
	"app/src/extensions/backend/events/contact-deleted/contact-deleted.ts":           "import { contacts } from '@wix/crm';\n\nexport default contacts.onContactDeleted((event) => {});\n",
}

func lensTitles(ls []protocol.CodeLens) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Command.Title)
	}
	return out
}

func (c *testClient) lenses(u uri.URI) []protocol.CodeLens {
	c.t.Helper()
	ls, err := c.server.CodeLens(context.Background(), &protocol.CodeLensParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}})
	if err != nil {
		c.t.Fatal(err)
	}
	return ls
}

// run executes a lens's command as the client would.
func (c *testClient) run(l protocol.CodeLens) {
	c.t.Helper()
	if _, err := c.server.ExecuteCommand(context.Background(), &protocol.ExecuteCommandParams{Command: l.Command.Command, Arguments: l.Command.Arguments}); err != nil {
		c.t.Fatalf("%s: %v", l.Command.Command, err)
	}
}

func TestVeloCodeLens(t *testing.T) {
	root := writeTree(t, siteFiles)
	c := startServer(t)
	c.initialize(root, nil)
	u := c.open(filepath.Join(root, "src/backend/events.js"), "export function wixBilling_onInvoicePaid(event) {}\n\nexport function formatPrice(p) { return p }\n")
	ls := c.lenses(u)
	titles := lensTitles(ls)
	if len(ls) != 3 || titles[0] != "fires on onInvoicePaid · wix-billing-backend" || titles[1] != "docs" || titles[2] != "Sample event" {
		t.Fatalf("lenses = %q, want the handler's event, docs and sample (nothing for formatPrice)", titles)
	}
	for _, l := range ls {
		if l.Range.Start.Line != 0 {
			t.Errorf("lens %q on line %d, want the handler's line 0", l.Command.Title, l.Range.Start.Line)
		}
	}
	c.run(ls[1])
	c.mu.Lock()
	shown := c.shown
	c.mu.Unlock()
	if len(shown) != 1 || !strings.HasPrefix(string(shown[0].URI), "https://dev.wix.com/") || shown[0].External == nil || !*shown[0].External {
		t.Fatalf("docs lens showed %+v, want a dev.wix.com page, externally", shown)
	}
}

func TestBuilderCodeLens(t *testing.T) {
	root := writeTree(t, lensApp)
	c := startServer(t)
	c.initialize(root, nil)
	ext := filepath.Join(root, "app/src/extensions/backend/events")
	// The walk's publish of the unregistered builder comes after it has
	// read the whole app (the rule is cross-file).
	unreg := uri.File(filepath.Join(ext, "contact-deleted/contact-deleted.extension.ts"))
	c.waitDiags(unreg, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "unregistered-extension") })
	reg := c.open(filepath.Join(ext, "contact-created/contact-created.extension.ts"), lensApp["app/src/extensions/backend/events/contact-created/contact-created.extension.ts"])
	if got := lensTitles(c.lenses(reg)); len(got) != 2 || got[0] != "handles contacts.onContactCreated · @wix/crm" || got[1] != "registered in src/extensions.ts" {
		t.Fatalf("registered builder's lenses = %q", got)
	}

	c.open(filepath.Join(ext, "contact-deleted/contact-deleted.extension.ts"), lensApp["app/src/extensions/backend/events/contact-deleted/contact-deleted.extension.ts"])
	ls := c.lenses(unreg)
	if got := lensTitles(ls); len(got) != 2 || got[1] != "not registered: register" {
		t.Fatalf("unregistered builder's lenses = %q", got)
	}
	c.run(ls[1])
	c.mu.Lock()
	applied := c.applied
	c.mu.Unlock()
	if len(applied) != 1 || !strings.Contains(editText(t, applied[0].Edit), ".use(contactDeleted)") {
		t.Fatalf("register lens applied %+v, want the .use() added to src/extensions.ts", applied)
	}

	// Fix all: the placeholder id and the registration, in one action; only
	// for a fix-all request (or none), never in a quick-fix-only one.
	all := c.actions(unreg, "source.fixAll")
	if len(all) != 1 || !strings.HasPrefix(all[0].Title, "Fix all Wix event problems (2)") {
		t.Fatalf("source.fixAll actions = %+v", all)
	}
	text := editText(t, *all[0].Edit)
	if strings.Contains(text, "{{GENERATE_UUID}}") || !strings.Contains(text, ".use(contactDeleted)") {
		t.Errorf("fix-all edit does not replace the id and register: %s", text)
	}
	for _, a := range c.actions(unreg, "quickfix") {
		if a.Kind != nil && *a.Kind == CodeActionKindFixAll {
			t.Errorf("fix-all offered for a quickfix-only request")
		}
	}
}

// actions asks for the code actions of a whole file, of one kind.
func (c *testClient) actions(u uri.URI, only protocol.CodeActionKind) []*protocol.CodeAction {
	c.t.Helper()
	res, err := c.server.CodeAction(context.Background(), &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range:        protocol.Range{End: protocol.Position{Line: 100}},
		Context:      protocol.CodeActionContext{Only: []protocol.CodeActionKind{only}},
	})
	if err != nil {
		c.t.Fatal(err)
	}
	var out []*protocol.CodeAction
	for _, r := range res {
		if ca, ok := r.(*protocol.CodeAction); ok {
			out = append(out, ca)
		}
	}
	return out
}

// editText flattens a workspace edit's new texts, for assertions.
func editText(t *testing.T, e protocol.WorkspaceEdit) string {
	t.Helper()
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReexportAndInlineCodeLens: a backend module events.js re-exports
// from gets the "fires on" lens above the handlers it reaches (and none
// above the rest); a builder written inline in src/extensions.ts gets the
// lens naming the event its handler handles, and no "registered in" lens
// pointing at the line it is on.
func TestReexportAndInlineCodeLens(t *testing.T) {
	files := map[string]string{
		"site/src/backend/events.js":                "export * from './orders';\nexport { wixCrm_onContactCreated } from './crm';\n",
		"site/src/backend/orders.js":                "export function wixEcom_onOrderCreated(event) {}\n\nexport function saveOrder(o) { return o; }\n",
		"site/src/backend/crm.js":                   "export function wixCrm_onContactCreated(event) {}\n\nexport function wixCrm_onContactDeleted(event) {}\n",
		"app/package.json":                          `{"name": "app", "dependencies": {"@wix/astro": "^2.0.0", "@wix/crm": "^1.0.0"}}`,
		"app/src/extensions.ts":                     "import { app, extensions } from '@wix/astro/builders';\n\nexport default app().use(\n  extensions.event({ id: '" + lensID1 + "', source: './backend/events/created/created.ts' }),\n);\n",
		"app/src/backend/events/created/created.ts": "import { contacts } from '@wix/crm';\n\nexport default contacts.onContactCreated((event) => {});\n",
	}
	root := writeTree(t, files)
	c := startServer(t)
	c.initialize(root, nil)
	// The walk's publishes: events.js, which decides the modules' lenses,
	// and the app's handler are indexed.
	for _, p := range []string{"site/src/backend/events.js", "app/src/backend/events/created/created.ts"} {
		c.waitDiags(uri.File(filepath.Join(root, filepath.FromSlash(p))), func([]protocol.Diagnostic) bool { return true })
	}
	for _, tc := range []struct {
		path string
		want []string // "line:title", sample lenses left out
	}{
		{"site/src/backend/orders.js", []string{"0:fires on onOrderCreated · wix-ecom-backend", "0:docs"}},
		{"site/src/backend/crm.js", []string{"0:fires on onContactCreated · wix-crm-backend, wix-crm.v2", "0:docs"}},
		{"app/src/extensions.ts", []string{"3:handles contacts.onContactCreated · @wix/crm"}},
	} {
		p := filepath.Join(root, filepath.FromSlash(tc.path))
		u := c.open(p, files[tc.path])
		var got []string
		for _, l := range c.lenses(u) {
			if l.Command.Title == "Sample event" {
				continue
			}
			got = append(got, strings.Join([]string{string(rune('0' + l.Range.Start.Line)), l.Command.Title}, ":"))
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: lenses %q, want %q", tc.path, got, tc.want)
		}
	}
}

// TestReexportEditRepublishesModule: events.js's re-exports decide whether
// a module's handlers are handler-outside-events; adding the re-export
// clears the module's warning and removing it (a dependency the new text no
// longer names) brings it back, without the module being touched.
func TestReexportEditRepublishesModule(t *testing.T) {
	files := map[string]string{
		"src/backend/events.js": "export function wixCrm_onContactCreated(event) {}\n",
		"src/backend/crm.js":    "export function wixCrm_onContactUpdated(event) {}\n",
	}
	root := writeTree(t, files)
	c := startServer(t)
	c.initialize(root, nil)
	crm := uri.File(filepath.Join(root, "src/backend/crm.js"))
	c.waitDiags(crm, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "handler-outside-events") })
	ev := filepath.Join(root, "src/backend/events.js")
	u := c.open(ev, files["src/backend/events.js"])
	edit := func(version int32, text string) {
		t.Helper()
		if err := c.server.DidChange(context.Background(), &protocol.DidChangeTextDocumentParams{
			TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: version},
			ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: text}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	edit(2, files["src/backend/events.js"]+"export { wixCrm_onContactUpdated } from './crm';\n")
	c.waitDiags(crm, func(ds []protocol.Diagnostic) bool { return len(ds) == 0 })
	edit(3, files["src/backend/events.js"])
	c.waitDiags(crm, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "handler-outside-events") })
}
