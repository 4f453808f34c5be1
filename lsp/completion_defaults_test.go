package lsp

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"go.lsp.dev/protocol"
)

// edit is what accepting a completion item does, whichever way it is sent.
type edit struct {
	Label, NewText string
	Range          protocol.Range
	Format         protocol.InsertTextFormat
}

// effectiveEdits resolves items against the list's itemDefaults as the
// LSP 3.17 spec says a client must.
func effectiveEdits(t *testing.T, list *protocol.CompletionList) []edit {
	t.Helper()
	var out []edit
	for _, it := range list.Items {
		e := edit{Label: it.Label, Format: it.InsertTextFormat}
		switch te := it.TextEdit.(type) {
		case *protocol.TextEdit:
			e.NewText, e.Range = te.NewText, te.Range
		case nil:
			if list.ItemDefaults == nil {
				t.Fatalf("%s: no textEdit and no itemDefaults", it.Label)
			}
			r, ok := list.ItemDefaults.EditRange.(*protocol.Range)
			if !ok {
				t.Fatalf("itemDefaults.editRange = %#v", list.ItemDefaults.EditRange)
			}
			e.Range = *r
			e.NewText = it.Label
			if v, ok := it.TextEditText.Get(); ok {
				e.NewText = v
			}
			if e.Format == 0 {
				e.Format = list.ItemDefaults.InsertTextFormat
			}
		default:
			t.Fatalf("%s: textEdit %T", it.Label, te)
		}
		out = append(out, e)
	}
	return out
}

// TestCompletionItemDefaults: a client taking itemDefaults (VS Code) gets a
// smaller reply that applies exactly the same edits as one that does not.
func TestCompletionItemDefaults(t *testing.T) {
	text := "export function a(event) {}\n\nexport function wixBilling_on\n\nwix\n"
	positions := map[string]protocol.Position{
		"handler name":  {Line: 2, Character: 29},
		"blank line":    {Line: 4, Character: 3},
		"empty line":    {Line: 3, Character: 0},
		"inside a body": {Line: 0, Character: 26},
	}
	root := writeTree(t, siteFiles)
	complete := func(defaults bool) map[string]*protocol.CompletionList {
		c := startServer(t)
		c.initialize(root, func(p *protocol.InitializeParams) {
			var caps protocol.ClientCapabilities
			list := `{}`
			if defaults {
				list = `{"itemDefaults": ["commitCharacters", "editRange", "insertTextFormat", "insertTextMode", "data"]}`
			}
			_ = protocol.Unmarshal([]byte(`{"textDocument": {"completion": {"completionItem": {"snippetSupport": true,
				"resolveSupport": {"properties": ["documentation", "detail", "additionalTextEdits"]}}, "completionList": `+list+`}}}`), &caps)
			p.Capabilities = caps
		})
		u := c.open(filepath.Join(root, "src/backend/events.js"), text)
		out := map[string]*protocol.CompletionList{}
		for name, pos := range positions {
			res, err := c.server.Completion(context.Background(), &protocol.CompletionParams{
				TextDocumentPositionParams: protocol.TextDocumentPositionParams{TextDocument: protocol.TextDocumentIdentifier{URI: u}, Position: pos},
			})
			if err != nil {
				t.Fatal(err)
			}
			out[name] = res.(*protocol.CompletionList)
		}
		return out
	}
	plain, compact := complete(false), complete(true)
	for name := range positions {
		p, c := plain[name], compact[name]
		if p.ItemDefaults != nil {
			t.Errorf("%s: itemDefaults sent to a client without the capability", name)
		}
		if got, want := effectiveEdits(t, c), effectiveEdits(t, p); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the edits differ with itemDefaults:\n got %+v\nwant %+v", name, got, want)
		}
		if len(p.Items) < 2 {
			continue
		}
		if c.ItemDefaults == nil {
			t.Errorf("%s: %d items share a range, but no itemDefaults", name, len(c.Items))
		}
		pb, _ := protocol.Marshal(p)
		cb, _ := protocol.Marshal(c)
		if len(cb) >= len(pb) {
			t.Errorf("%s: reply with itemDefaults is %d bytes, without %d", name, len(cb), len(pb))
		}
		t.Logf("%s: %d items, %d → %d bytes", name, len(c.Items), len(pb), len(cb))
	}
	if len(plain["blank line"].Items) < 2 || len(plain["handler name"].Items) < 2 {
		t.Fatal("the positions no longer yield item lists; the test proves nothing")
	}
}
