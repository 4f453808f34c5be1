package lsp

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/uri"
)

// TestMalformedRangesRefused: a didChange whose range holds a negative,
// fractional, string, null or too large character is refused with a
// logged error and the document keeps its text (go.lsp.dev/protocol would
// have decoded each as a whole-document change, replacing the text with
// "X"); a request with such a position is answered with InvalidParams.
func TestMalformedRangesRefused(t *testing.T) {
	root := writeTree(t, map[string]string{"src/backend/events.js": "export function wixBilling_onInvoicePaid(event) {}\n"})
	path := filepath.Join(root, "src/backend/events.js")
	u := string(uri.File(path))
	c := startRaw(t)
	c.initialize(root)
	text := "export function wixBilling_onInvoicePaid(event) {}\n"
	c.notify("textDocument/didOpen", fmt.Sprintf(`{"textDocument":{"uri":%q,"languageId":"javascript","version":1,"text":%q}}`, u, text))
	for i, char := range []string{"-1", "1.5", `"3"`, "null", "4294967296", "2147483648"} {
		from := len(c.snapshot())
		c.notify("textDocument/didChange", fmt.Sprintf(`{"textDocument":{"uri":%q,"version":%d},"contentChanges":[{"range":{"start":{"line":0,"character":%s},"end":{"line":0,"character":1}},"text":"X"}]}`, u, i+2, char))
		c.wait(from, "a logged refusal", func(m rawMsg) bool {
			return m.Method == "window/logMessage" && strings.Contains(string(m.Params), "refused") && strings.Contains(string(m.Params), "kept as it was")
		})
		r := c.call(fmt.Sprint(100+i), "textDocument/hover", fmt.Sprintf(`{"textDocument":{"uri":%q},"position":{"line":0,"character":%s}}`, u, char))
		if r.Error == nil || r.Error.Code != -32602 {
			t.Errorf("hover at character %s: %s, want InvalidParams", char, r.Raw)
		}
	}
	// A valid change still applies, to the text as it was.
	c.notify("textDocument/didChange", fmt.Sprintf(`{"textDocument":{"uri":%q,"version":9},"contentChanges":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":6}},"text":"/* */ export"}]}`, u))
	c.ping(200)
	f := c.srv.ws.File(path)
	if got, want := f.Text(), "/* */ export"+text[6:]; got != want {
		t.Errorf("document after the refused changes:\n%q\nwant\n%q", got, want)
	}
}

// TestNullIDAnswered: JSON-RPC 2.0 makes a message with "id": null a
// request, not a notification, so it gets a reply: an Invalid Request
// error with a null id (LSP ids are integers or strings).
func TestNullIDAnswered(t *testing.T) {
	c := startRaw(t)
	c.initialize("")
	from := len(c.snapshot())
	c.send(`{"jsonrpc":"2.0","id":null,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///x.js"},"position":{"line":0,"character":0}}}`)
	m, _ := c.wait(from, "the reply to id null", func(m rawMsg) bool { return m.isResponse() && string(m.ID) == "null" })
	if m.Error == nil || m.Error.Code != -32600 {
		t.Errorf("reply: %s, want an Invalid Request error", m.Raw)
	}
	var v map[string]any
	json.Unmarshal(m.Raw, &v)
	if _, ok := v["id"]; !ok {
		t.Errorf("reply has no id member: %s", m.Raw)
	}
	c.ping(7) // still serving
}

// TestOverLimitTold: a message over the size limit (a 50 MB didChange) is
// refused unread, and the user is told (window/showMessage), not only the
// log: their edit did not reach the server.
func TestOverLimitTold(t *testing.T) {
	c := startRaw(t)
	c.initialize("")
	from := len(c.snapshot())
	body := `{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///x.js","version":2},"contentChanges":[{"text":"` + strings.Repeat("x", 50<<20) + `"}]}}`
	c.write(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))
	c.wait(from, "window/showMessage", func(m rawMsg) bool {
		return m.Method == "window/showMessage" && strings.Contains(string(m.Params), "refused")
	})
	c.ping(3)
}
