package lsp

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"go.lsp.dev/protocol"
)

// TestEncodedHandlerList: the reply joined from cached item encodings
// decodes to exactly the list completionList builds, for client shapes with
// and without itemDefaults, on every kind of position, asked twice (the
// second reply comes from the cache).
func TestEncodedHandlerList(t *testing.T) {
	text := "export function a(event) {}\n\nexport function wixBilling_on\n\nwix\n\nexport const wixBilling_onInvoicePai\n"
	positions := []struct {
		name string
		pos  protocol.Position
		// A handler list takes the cached path: with itemDefaults from two
		// handlers on (one goes out with its range in the item), without
		// them from one.
		handlers int
	}{
		{"handler name", protocol.Position{Line: 2, Character: 29}, 2},
		{"blank line word", protocol.Position{Line: 4, Character: 3}, 2},
		{"empty line", protocol.Position{Line: 3, Character: 0}, 2},
		{"one handler", protocol.Position{Line: 6, Character: 37}, 1},
		{"inside a body", protocol.Position{Line: 0, Character: 26}, 0},
	}
	clients := map[string]struct {
		caps     string
		defaults bool
	}{
		"VS Code":                  {`{"completionItem": {"snippetSupport": true, "tagSupport": {"valueSet": [1]}, "resolveSupport": {"properties": ["documentation"]}}, "completionList": {"itemDefaults": ["editRange", "insertTextFormat", "data"]}}`, true},
		"range only":               {`{"completionItem": {"snippetSupport": true, "resolveSupport": {"properties": ["documentation"]}}, "completionList": {"itemDefaults": ["editRange"]}}`, true},
		"no snippets":              {`{"completionItem": {"resolveSupport": {"properties": ["documentation"]}}, "completionList": {"itemDefaults": ["editRange", "insertTextFormat"]}}`, true},
		"docs inline (text)":       {`{"completionItem": {"snippetSupport": true}, "completionList": {"itemDefaults": ["editRange", "insertTextFormat"]}}`, true},
		"Neovim 0.7 (no defaults)": {`{"completionItem": {"snippetSupport": true, "resolveSupport": {"properties": ["documentation", "detail"]}}}`, false},
		"plain (no defaults)":      {`{}`, false},
	}
	root := writeTree(t, siteFiles)
	for name, client := range clients {
		t.Run(name, func(t *testing.T) {
			c := startServer(t)
			c.initialize(root, func(p *protocol.InitializeParams) {
				var cc protocol.ClientCapabilities
				if err := protocol.Unmarshal([]byte(`{"textDocument": {"completion": `+client.caps+`}}`), &cc); err != nil {
					t.Fatal(err)
				}
				p.Capabilities = cc
			})
			u := c.open(filepath.Join(root, "src/backend/events.js"), text)
			// A request is handled after the notifications before it: once
			// it is answered, the in-process calls below see the open file.
			if _, err := c.server.Completion(context.Background(), &protocol.CompletionParams{}); err != nil {
				t.Fatal(err)
			}
			for _, p := range positions {
				params := &protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
					TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: p.pos}}
				ans := c.srv.complete(params)
				encoded := p.handlers >= 2 || p.handlers == 1 && !client.defaults
				if got := c.srv.encodeHandlers(ans) != nil; got != encoded {
					t.Fatalf("%s: encoded reply %v, want %v", p.name, got, encoded)
				}
				b, err := protocol.Marshal(c.srv.completionList(ans))
				if err != nil {
					t.Fatal(err)
				}
				var want protocol.CompletionResult
				if err := protocol.Unmarshal(b, &want); err != nil {
					t.Fatal(err)
				}
				for range 2 {
					got, err := c.server.Completion(context.Background(), params)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("%s: the wire reply differs from the list:\n got %+v\nwant %+v", p.name, got, want)
					}
				}
				if l := want.(*protocol.CompletionList); len(l.Items) != p.handlers && p.handlers < 2 || len(l.Items) < p.handlers || (l.ItemDefaults != nil) != (client.defaults && p.handlers >= 2) {
					t.Fatalf("%s: %d items, defaults %v: the position no longer tests what it says", p.name, len(l.Items), l.ItemDefaults)
				}
			}
		})
	}
}
