package lsp

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// siteFiles is a small Velo site used by the feature tests.
var siteFiles = map[string]string{
	"src/backend/events.js": "export function wixBilling_onInvoicePaid(event) {\n  return event;\n}\n\nexport function wixBiling_onInvoiceSent(event) {}\n",
	"src/backend/data.js":   "export function Orders_beforeInsert(item) { return item; }\n",
}

func setup(t *testing.T) (*testClient, string) {
	t.Helper()
	root := writeTree(t, siteFiles)
	c := startServer(t)
	c.initialize(root, nil)
	return c, root
}

func TestDiagnosticsOnOpenAndChange(t *testing.T) {
	c, root := setup(t)
	path := filepath.Join(root, "src/backend/events.js")
	u := c.open(path, siteFiles["src/backend/events.js"])
	ds := c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "unknown-handler") })
	var d protocol.Diagnostic
	for _, x := range ds {
		if hasCode([]protocol.Diagnostic{x}, "unknown-handler") {
			d = x
		}
	}
	// "export function " is 16 UTF-16 units; the name is 23 long, line 4.
	if d.Range.Start != (protocol.Position{Line: 4, Character: 16}) || d.Range.End != (protocol.Position{Line: 4, Character: 39}) {
		t.Errorf("unknown-handler range = %+v", d.Range)
	}
	if msg, _ := d.Message.(protocol.String); !strings.Contains(string(msg), "wixBilling_onInvoiceSent") {
		t.Errorf("message does not suggest the fix: %q", msg)
	}
	if src, _ := d.Source.Get(); src != Source {
		t.Errorf("source = %q", src)
	}

	// An incremental edit fixing the name clears the diagnostic.
	err := c.server.DidChange(context.Background(), &protocol.DidChangeTextDocumentParams{
		TextDocument: protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangePartial{
			Range: protocol.Range{Start: protocol.Position{Line: 4, Character: 22}, End: protocol.Position{Line: 4, Character: 22}},
			Text:  "l",
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return !hasCode(ds, "unknown-handler") })
}

func TestCompletionHandlerNames(t *testing.T) {
	c, root := setup(t)
	text := "export function wixBil" // text follows on the line: the bare name
	u := c.open(filepath.Join(root, "src/backend/events.js"), text+"(event) {}")
	res, err := c.server.Completion(context.Background(), &protocol.CompletionParams{
		TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: 0, Character: uint32(len(text))}},
	})
	if err != nil {
		t.Fatal(err)
	}
	list, ok := res.(*protocol.CompletionList)
	if !ok || len(list.Items) == 0 {
		t.Fatalf("no completions: %#v", res)
	}
	found := false
	for _, it := range list.Items {
		if it.Label == "wixBilling_onInvoicePaid" {
			found = true
			te, _ := it.TextEdit.(*protocol.TextEdit)
			if te == nil || te.Range.Start.Character != 16 || te.NewText != "wixBilling_onInvoicePaid" {
				t.Errorf("text edit = %+v", it.TextEdit)
			}
		}
		if !strings.HasPrefix(it.Label, "wixBil") {
			t.Errorf("unrelated completion %q for prefix wixBil", it.Label)
		}
	}
	if !found {
		t.Errorf("wixBilling_onInvoicePaid not offered")
	}
}

func TestCompletionSnippetOnEmptyLine(t *testing.T) {
	c, root := setup(t)
	text := "export function a(event) {}\n\nwixBilling_onInv"
	u := c.open(filepath.Join(root, "src/backend/events.js"), text)
	res, err := c.server.Completion(context.Background(), &protocol.CompletionParams{
		TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: 2, Character: 16}},
	})
	if err != nil {
		t.Fatal(err)
	}
	list := res.(*protocol.CompletionList)
	for _, it := range list.Items {
		if it.Label == "wixBilling_onInvoicePaid" {
			te := it.TextEdit.(*protocol.TextEdit)
			if !strings.Contains(te.NewText, "export function wixBilling_onInvoicePaid(event) {") || !strings.Contains(te.NewText, "@param {") {
				t.Errorf("snippet = %q", te.NewText)
			}
			if it.InsertTextFormat != protocol.InsertTextFormatSnippet {
				t.Errorf("insertTextFormat = %v", it.InsertTextFormat)
			}
			return
		}
	}
	t.Fatalf("no snippet for wixBilling_onInvoicePaid in %d items", len(list.Items))
}

func TestNoCompletionInComment(t *testing.T) {
	c, root := setup(t)
	text := "// export function wixBil"
	u := c.open(filepath.Join(root, "src/backend/events.js"), text)
	res, err := c.server.Completion(context.Background(), &protocol.CompletionParams{
		TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: 0, Character: uint32(len(text))}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if list := res.(*protocol.CompletionList); len(list.Items) != 0 {
		t.Errorf("completions inside a comment: %d", len(list.Items))
	}
}

func TestHoverHandler(t *testing.T) {
	c, root := setup(t)
	u := c.open(filepath.Join(root, "src/backend/events.js"), siteFiles["src/backend/events.js"])
	h, err := c.server.Hover(context.Background(), &protocol.HoverParams{
		TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: 0, Character: 20}},
	})
	if err != nil || h == nil {
		t.Fatalf("hover: %v, %v", h, err)
	}
	mc := h.Contents.(*protocol.MarkupContent)
	for _, want := range []string{"onInvoicePaid", "wix-billing-backend", "https://dev.wix.com/docs/"} {
		if !strings.Contains(mc.Value, want) {
			t.Errorf("hover lacks %q:\n%s", want, mc.Value)
		}
	}
	if h.Range == nil || h.Range.Start.Character != 16 {
		t.Errorf("hover range = %+v", h.Range)
	}
	// Nothing to say on a plain word.
	h, err = c.server.Hover(context.Background(), &protocol.HoverParams{
		TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: 1, Character: 4}},
	})
	if err != nil || h != nil {
		t.Errorf("hover on `return`: %+v, %v", h, err)
	}
}

func TestCodeActionReplacesUnknownName(t *testing.T) {
	c, root := setup(t)
	u := c.open(filepath.Join(root, "src/backend/events.js"), siteFiles["src/backend/events.js"])
	c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "unknown-handler") })
	acts, err := c.server.CodeAction(context.Background(), &protocol.CodeActionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: u},
		Range:        protocol.Range{Start: protocol.Position{Line: 4, Character: 20}, End: protocol.Position{Line: 4, Character: 20}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range acts {
		ca, ok := a.(*protocol.CodeAction)
		if !ok || ca.Title != "Replace with wixBilling_onInvoiceSent" {
			continue
		}
		if ca.Edit == nil || len(ca.Edit.DocumentChanges) != 1 {
			t.Fatalf("edit = %+v", ca.Edit)
		}
		te := ca.Edit.DocumentChanges[0].(*protocol.TextDocumentEdit)
		e := te.Edits[0].(*protocol.TextEdit)
		if e.NewText != "wixBilling_onInvoiceSent" || e.Range.Start != (protocol.Position{Line: 4, Character: 16}) {
			t.Errorf("text edit = %+v", e)
		}
		return
	}
	t.Fatalf("no replace action among %d actions", len(acts))
}

func TestWorkspaceIndexAndSymbols(t *testing.T) {
	c, root := setup(t)
	// events.js is never opened: indexing publishes its diagnostics, and
	// workspace symbols see its handlers.
	eventsURI := fileURI(filepath.Join(root, "src/backend/events.js"))
	c.waitDiags(eventsURI, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "unknown-handler") })
	res, err := c.server.Symbols(context.Background(), &protocol.WorkspaceSymbolParams{Query: "invoicepaid"})
	if err != nil {
		t.Fatal(err)
	}
	syms := res.(protocol.SymbolInformationSlice)
	if len(syms) != 1 || syms[0].Name != "wixBilling_onInvoicePaid" {
		t.Errorf("workspace symbols = %+v", syms)
	}
}

// TestCompletionResolve: a client that can resolve documentation gets lean
// items, and completionItem/resolve fills in the docs of the one it shows.
func TestCompletionResolve(t *testing.T) {
	root := writeTree(t, siteFiles)
	c := startServer(t)
	res := c.initialize(root, func(p *protocol.InitializeParams) {
		var caps protocol.ClientCapabilities
		_ = protocol.Unmarshal([]byte(`{"textDocument": {"completion": {"completionItem": {"resolveSupport": {"properties": ["documentation"]}}}, "hover": {"contentFormat": ["markdown"]}}}`), &caps)
		p.Capabilities = caps
	})
	if res.Capabilities.CompletionProvider == nil || res.Capabilities.CompletionProvider.ResolveProvider == nil || !*res.Capabilities.CompletionProvider.ResolveProvider {
		t.Fatal("resolveProvider not announced")
	}
	text := "export function wixBilling_onInvoiceP"
	u := c.open(filepath.Join(root, "src/backend/events.js"), text)
	out, err := c.server.Completion(context.Background(), &protocol.CompletionParams{
		TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: 0, Character: uint32(len(text))}},
	})
	if err != nil {
		t.Fatal(err)
	}
	items := out.(*protocol.CompletionList).Items
	if len(items) == 0 || items[0].Documentation != nil || len(items[0].Data) != 0 {
		t.Fatalf("want lean items (no docs, no data: the label names the handler), got %+v", items)
	}
	item, err := c.server.CompletionResolve(context.Background(), &items[0])
	if err != nil {
		t.Fatal(err)
	}
	mc, ok := item.Documentation.(*protocol.MarkupContent)
	if !ok || !strings.Contains(mc.Value, "onInvoicePaid") {
		t.Errorf("resolved documentation = %#v", item.Documentation)
	}
	// Items that are not handlers, or carry their docs, come back as sent.
	for _, in := range []protocol.CompletionItem{
		{Label: "entityId", Kind: protocol.CompletionItemKindField},
		{Label: "wixBilling_onInvoicePaid", Documentation: &protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: "mine"}},
	} {
		out, err := c.server.CompletionResolve(context.Background(), &in)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(out.Documentation, in.Documentation) {
			t.Errorf("resolve %q: documentation %#v, want %#v", in.Label, out.Documentation, in.Documentation)
		}
	}
}
