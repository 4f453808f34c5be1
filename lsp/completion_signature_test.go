package lsp

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// TestHandlerSignatureInsertion: accepting a handler name after
// `export function ` / `export const ` on an otherwise empty line writes the
// whole signature in a snippet-capable client, so the line is valid code at
// once; with text after the cursor, or without snippets, only the name.
func TestHandlerSignatureInsertion(t *testing.T) {
	const name = "wixBilling_onInvoicePaid"
	for _, tc := range []struct {
		desc     string
		line     string // the cursor is at the end of the typed word, marked |
		snippets bool
		want     string
		format   protocol.InsertTextFormat
	}{
		{"function, empty rest", "export function wixBilling_onInvoiceP|", true, name + "(event) {\n\t$0\n}", protocol.InsertTextFormatSnippet},
		{"async function", "export async function wixBilling_onInvoiceP|  ", true, name + "(event) {\n\t$0\n}", protocol.InsertTextFormatSnippet},
		{"const", "export const wixBilling_onInvoiceP|", true, name + " = async (event) => {\n\t$0\n};", protocol.InsertTextFormatSnippet},
		{"function, text after", "export function wixBilling_onInvoiceP|(event) {}", true, name, 0},
		{"const, text after", "export const wixBilling_onInvoiceP| = handle;", true, name, 0},
		{"no snippet support", "export function wixBilling_onInvoiceP|", false, name, 0},
	} {
		t.Run(tc.desc, func(t *testing.T) {
			root := writeTree(t, siteFiles)
			c := startServer(t)
			c.initialize(root, func(p *protocol.InitializeParams) {
				var caps protocol.ClientCapabilities
				snip := "false"
				if tc.snippets {
					snip = "true"
				}
				_ = protocol.Unmarshal([]byte(`{"textDocument": {"completion": {"completionItem": {"snippetSupport": `+snip+`}}}}`), &caps)
				p.Capabilities = caps
			})
			col := strings.IndexByte(tc.line, '|') // ASCII lines: bytes are UTF-16 units
			text := "export function a(event) {}\n\n" + tc.line[:col] + tc.line[col+1:] + "\n"
			u := c.open(filepath.Join(root, "src/backend/events.js"), text)
			res, err := c.server.Completion(context.Background(), &protocol.CompletionParams{
				TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: 2, Character: uint32(col)}},
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range effectiveEdits(t, res.(*protocol.CompletionList)) {
				if e.Label != name {
					continue
				}
				if e.NewText != tc.want || e.Format != tc.format {
					t.Fatalf("accepting %s inserts %q (format %d), want %q (format %d)", name, e.NewText, e.Format, tc.want, tc.format)
				}
				return
			}
			t.Fatalf("%s not offered", name)
		})
	}
}

// TestRemovedNeverOffered: a name past its removal date (wixStores_onNewOrder,
// which Wix stopped calling on 2024-09-04) is not offered; a current name of
// the same module is.
func TestRemovedNeverOffered(t *testing.T) {
	root := writeTree(t, siteFiles)
	c := startServer(t)
	c.initialize(root, nil)
	text := "export function wixStores_on(event) {}\n"
	u := c.open(filepath.Join(root, "src/backend/events.js"), text)
	res, err := c.server.Completion(context.Background(), &protocol.CompletionParams{
		TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: protocol.Position{Line: 0, Character: uint32(len("export function wixStores_on"))}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, it := range res.(*protocol.CompletionList).Items {
		labels = append(labels, it.Label)
	}
	got := strings.Join(labels, " ")
	if strings.Contains(got, "wixStores_onNewOrder") || !strings.Contains(got, "wixStores_onProductCreated") {
		t.Fatalf("completion of wixStores_on = %s", got)
	}
}
