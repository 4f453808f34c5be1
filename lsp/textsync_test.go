package lsp

import (
	"context"
	"path/filepath"
	"testing"

	"go.lsp.dev/protocol"
)

// TestPositionsExotic checks the unknown-handler range on a line after a BOM,
// CRLF line ends, an astral character and U+2028 (which LSP does not treat
// as a line break), in UTF-16 and in UTF-8 position encodings.
func TestPositionsExotic(t *testing.T) {
	text := "\uFEFF// 🎉\r\nconst s = 'a\u2028b'; export function wixBiling_onInvoicePaid(event) {}\r\n"
	tests := []struct {
		name   string
		utf8   bool
		start  uint32
		length uint32
	}{
		// Line 1: "const s = 'a" (12) + U+2028 (1 unit) + "b'; export function " (20) = 33.
		{"utf-16", false, 33, 23},
		// In UTF-8, U+2028 is 3 bytes: 12 + 3 + 20 = 35.
		{"utf-8", true, 35, 23},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeTree(t, map[string]string{"src/backend/events.js": text})
			c := startServer(t)
			c.initialize(root, func(p *protocol.InitializeParams) {
				if tt.utf8 {
					p.Capabilities.General = &protocol.GeneralClientCapabilities{PositionEncodings: []protocol.PositionEncodingKind{"utf-8"}}
				}
			})
			u := c.open(filepath.Join(root, "src/backend/events.js"), text)
			ds := c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "unknown-handler") })
			for _, d := range ds {
				if !hasCode([]protocol.Diagnostic{d}, "unknown-handler") {
					continue
				}
				want := protocol.Range{Start: protocol.Position{Line: 1, Character: tt.start}, End: protocol.Position{Line: 1, Character: tt.start + tt.length}}
				if d.Range != want {
					t.Errorf("range = %+v, want %+v", d.Range, want)
				}
			}
		})
	}
}

// TestFullAndIncrementalSync applies a full replacement and then two
// incremental edits in one notification (each relative to the previous).
func TestFullAndIncrementalSync(t *testing.T) {
	root := writeTree(t, map[string]string{"src/backend/events.js": ""})
	c := startServer(t)
	c.initialize(root, nil)
	u := c.open(filepath.Join(root, "src/backend/events.js"), "")
	change := func(v int32, cs ...protocol.TextDocumentContentChangeEvent) {
		t.Helper()
		err := c.server.DidChange(context.Background(), &protocol.DidChangeTextDocumentParams{
			TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: u}, Version: v},
			ContentChanges: cs,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	change(2, &protocol.TextDocumentContentChangeWholeDocument{Text: "export function wixBilling_onInvoicePaid(event) {}\n"})
	at := func(l, ch uint32) protocol.Position { return protocol.Position{Line: l, Character: ch} }
	change(3,
		// "wixBilling" → "wixBiling"
		&protocol.TextDocumentContentChangePartial{Range: protocol.Range{Start: at(0, 22), End: at(0, 23)}, Text: ""},
		// then append a second line
		&protocol.TextDocumentContentChangePartial{Range: protocol.Range{Start: at(1, 0), End: at(1, 0)}, Text: "export function wixCrm_onContactCreated(event) {}\n"},
	)
	ds := c.waitDiags(u, func(ds []protocol.Diagnostic) bool { return hasCode(ds, "unknown-handler") })
	f := c.fileText(t, u)
	want := "export function wixBiling_onInvoicePaid(event) {}\nexport function wixCrm_onContactCreated(event) {}\n"
	if f != want {
		t.Errorf("text = %q, want %q", f, want)
	}
	if len(ds) != 1 {
		t.Errorf("diagnostics = %+v", ds)
	}
}
