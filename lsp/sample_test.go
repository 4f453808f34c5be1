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

// TestSampleEventLens runs the "Sample event" lens of a Velo handler and of
// a CLI handler as a client would, and checks the JSON it answers.
func TestSampleEventLens(t *testing.T) {
	root := writeTree(t, lensApp)
	c := startServer(t)
	c.initialize(root, nil)
	site := c.open(filepath.Join(root, "site/src/backend/events.js"), "export function wixBilling_onInvoicePaid(event) {}\nexport function formatPrice(p) { return p }\n")
	handler := filepath.Join(root, "app/src/extensions/backend/events/contact-created/contact-created.ts")
	cli := c.open(handler, lensApp["app/src/extensions/backend/events/contact-created/contact-created.ts"])
	for _, tt := range []struct {
		u    uri.URI
		line uint32
		want []string
	}{
		{site, 0, []string{`"id": {`, `"version": 1`, "Invoice"}},
		{cli, 2, []string{`"entity": {`, `"eventType": "wix.contacts.v4.contact_created"`, "ContactCreatedEnvelope"}},
	} {
		var sampleLens *protocol.CodeLens
		for _, l := range c.lenses(tt.u) {
			if l.Command.Title == "Sample event" {
				l := l
				if sampleLens != nil {
					t.Fatalf("%s: two sample lenses", tt.u)
				}
				sampleLens = &l
			}
		}
		if sampleLens == nil || sampleLens.Command.Command != CommandSampleEvent || sampleLens.Range.Start.Line != tt.line {
			t.Fatalf("%s: sample lens = %+v, want one on line %d", tt.u, sampleLens, tt.line)
		}
		res, err := c.server.ExecuteCommand(context.Background(), &protocol.ExecuteCommandParams{Command: CommandSampleEvent, Arguments: sampleLens.Command.Arguments})
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(res)
		var got sampleResult
		if err := json.Unmarshal(raw, &got); err != nil {
			// protocol.Marshal answers raw JSON bytes.
			var b []byte
			if json.Unmarshal(raw, &b) != nil || json.Unmarshal(b, &got) != nil {
				t.Fatalf("answer %s: %v", raw, err)
			}
		}
		all := got.Title + "\n" + got.JSON
		for _, w := range tt.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: sample lacks %q:\n%.400s", tt.u, w, all)
			}
		}
		if !json.Valid([]byte(got.JSON)) {
			t.Errorf("%s: the sample is not JSON", tt.u)
		}
	}
	if _, err := c.server.ExecuteCommand(context.Background(), &protocol.ExecuteCommandParams{Command: CommandSampleEvent, Arguments: []protocol.LSPAny{protocol.LSPAny(`{"handler": "wixNothing_onNothing"}`)}}); err == nil {
		t.Error("a sample of an unknown handler did not fail")
	}
}
