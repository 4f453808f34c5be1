package lsp

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"go.lsp.dev/protocol"
)

// TestEncodedHandlerList: the reply joined from cached item encodings
// decodes to exactly the list completionList builds, for every client
// shape that takes itemDefaults, on every kind of position, asked twice
// (the second reply comes from the cache).
func TestEncodedHandlerList(t *testing.T) {
	text := "export function a(event) {}\n\nexport function wixBilling_on\n\nwix\n\nexport const wixBilling_onInvoicePai\n"
	positions := []struct {
		name    string
		pos     protocol.Position
		encoded bool // a handler list of two or more: the cached path
	}{
		{"handler name", protocol.Position{Line: 2, Character: 29}, true},
		{"blank line word", protocol.Position{Line: 4, Character: 3}, true},
		{"empty line", protocol.Position{Line: 3, Character: 0}, true},
		{"one handler", protocol.Position{Line: 6, Character: 37}, false},
		{"inside a body", protocol.Position{Line: 0, Character: 26}, false},
	}
	clients := map[string]string{
		"VS Code":            `{"completionItem": {"snippetSupport": true, "tagSupport": {"valueSet": [1]}, "resolveSupport": {"properties": ["documentation"]}}, "completionList": {"itemDefaults": ["editRange", "insertTextFormat", "data"]}}`,
		"range only":         `{"completionItem": {"snippetSupport": true, "resolveSupport": {"properties": ["documentation"]}}, "completionList": {"itemDefaults": ["editRange"]}}`,
		"no snippets":        `{"completionItem": {"resolveSupport": {"properties": ["documentation"]}}, "completionList": {"itemDefaults": ["editRange", "insertTextFormat"]}}`,
		"docs inline (text)": `{"completionItem": {"snippetSupport": true}, "completionList": {"itemDefaults": ["editRange", "insertTextFormat"]}}`,
	}
	root := writeTree(t, siteFiles)
	for name, caps := range clients {
		t.Run(name, func(t *testing.T) {
			c := startServer(t)
			c.initialize(root, func(p *protocol.InitializeParams) {
				var cc protocol.ClientCapabilities
				if err := protocol.Unmarshal([]byte(`{"textDocument": {"completion": `+caps+`}}`), &cc); err != nil {
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
				if got := c.srv.encodeHandlers(ans) != nil; got != p.encoded {
					t.Fatalf("%s: encoded reply %v, want %v", p.name, got, p.encoded)
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
				if l := want.(*protocol.CompletionList); p.encoded && (len(l.Items) < 2 || l.ItemDefaults == nil) {
					t.Fatalf("%s: %d items, defaults %v: the position no longer tests a shared list", p.name, len(l.Items), l.ItemDefaults)
				}
			}
		})
	}
}
