package lsp

import (
	"errors"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

func TestCheckPositions(t *testing.T) {
	change := func(start, char string) string {
		return `{"textDocument":{"uri":"file:///a.js","version":2},"contentChanges":[{"range":{"start":{"line":` + start + `,"character":` + char + `},"end":{"line":0,"character":1}},"text":"x"}]}`
	}
	for _, c := range []struct {
		params string
		ok     bool
	}{
		{change("0", "0"), true},
		{change("3", "2147483647"), true},
		{`{"textDocument":{"uri":"file:///a.js","version":2},"contentChanges":[{"text":"whole"}]}`, true},
		{`{"textDocument":{"uri":"file:///a.js"},"position":{"line":1,"character":4},"context":{"triggerKind":1}}`, true},
		{`{"query":"wix"}`, true},
		{`{"text":"\"line\": -1, \"range\": 3"}`, true},
		{change("0", "-1"), false},
		{change("0", "1.5"), false},
		{change("0", `"3"`), false},
		{change("0", "null"), false},
		{change("0", "4294967296"), false},
		{change("0", "2147483648"), false},
		{change("-1", "0"), false},
		{change("0", "1e3"), false},
		{`{"contentChanges":[{"range":null,"text":"x"}]}`, false},
		{`{"contentChanges":[{"range":"0:1","text":"x"}]}`, false},
		{`{"contentChanges":[{"range":{"start":{"line":0},"end":{"line":0,"character":1}},"text":"x"}]}`, false},
		{`{"textDocument":{"uri":"file:///a.js"},"position":{"line":1}}`, false},
		{`{"textDocument":{"uri":"file:///a.js"},"position":null}`, false},
		{`{"textDocument":{"uri":"file:///a.js"},"position":{"line":1,"character":-4}}`, false},
		{`{"textDocument":{"uri":"file:///a.js"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0.5}},"context":{"diagnostics":[]}}`, false},
		{`{"textDocument":{"uri":"file:///a.js"},"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}},"context":{"diagnostics":[{"range":{"start":{"line":0,"character":-1},"end":{"line":0,"character":0}},"message":"m"}]}}`, false},
	} {
		err := checkPositions([]byte(c.params))
		if (err == nil) != c.ok || err != nil && !errors.Is(err, errBadPosition) {
			t.Errorf("%s: %v, want ok=%v", c.params, err, c.ok)
		}
	}
	// Deep nesting is read without recursion.
	deep := strings.Repeat(`{"a":`, 100000) + "1" + strings.Repeat("}", 100000)
	if err := checkPositions([]byte(`{"position":{"line":0,"character":0},"x":` + deep + `}`)); err != nil {
		t.Errorf("deep params: %v", err)
	}
}

// TestInitializeWithRealCapabilities: the capabilities VS Code sends have
// keys named "range" that are booleans (semanticTokens.requests.range) and
// an object "range" elsewhere; initialize must not be refused as a
// malformed position (it was: code-server's client failed to start).
func TestInitializeWithRealCapabilities(t *testing.T) {
	c := startServer(t)
	c.initialize(t.TempDir(), func(p *protocol.InitializeParams) {
		var caps protocol.ClientCapabilities
		if err := protocol.Unmarshal([]byte(`{"textDocument": {"semanticTokens": {"requests": {"range": true, "full": {"delta": true}}, "tokenTypes": [], "tokenModifiers": [], "formats": ["relative"]},
			"completion": {"completionItem": {"snippetSupport": true}}}}`), &caps); err != nil {
			t.Fatal(err)
		}
		p.Capabilities = caps
	})
	for _, tc := range []struct {
		method string
		params string
		bad    bool
	}{
		{"initialize", `{"capabilities": {"textDocument": {"semanticTokens": {"requests": {"range": true}}}}}`, false},
		{"workspace/didChangeConfiguration", `{"settings": {"range": 1, "line": "x"}}`, false},
		{"textDocument/didChange", `{"contentChanges": [{"range": {"start": {"line": 0, "character": -1}, "end": {"line": 0, "character": 0}}, "text": "x"}]}`, true},
	} {
		if err := positionsOf(tc.method, []byte(tc.params)); (err != nil) != tc.bad {
			t.Errorf("%s: %v, want refused %v", tc.method, err, tc.bad)
		}
	}
}
