package lsp

import (
	"context"
	"regexp"
	"sort"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/wix-events-ls/wix-events-ls/index/textpos"
)

// deepHandlers are put first in the benchmark workspace's big events.js
// (its end may be inside an unclosed function, as real files are):
// payload completions at depths 1 to 5, through ?., destructuring and an
// alias, on v1 and v2 (SDK-schema) handlers.
const deepHandlers = `
export function wixBilling_onInvoicePaid(event) {
  event.;
  event.customer.;
  event.customer.address.;
  event.customer.address.streetAddress.;
  const { customer } = event;
  customer.;
}

export function wixEcom_onOrderApproved(event) {
  event.data.order.;
  event.data.order.priceSummary.;
  event.data.order.priceSummary.total.;
  const order = event.data?.order;
  order?.buyerInfo?.;
}
`

// BenchmarkPayloadCompletion measures completion after a chain on a
// handler's event (deep payload fields) over the pipe, with the server's
// index of the generated workspace (WIX_BENCH_WS=default: the issue's
// 10,000-file one). It reports p50 and p99 of the round trip.
func BenchmarkPayloadCompletion(b *testing.B) {
	l := startBench(b)
	ctx := context.Background()
	text := deepHandlers + l.text
	if err := l.server.DidChange(ctx, &protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: l.big}, Version: 2},
		ContentChanges: []protocol.TextDocumentContentChangeEvent{&protocol.TextDocumentContentChangeWholeDocument{Text: text}},
	}); err != nil {
		b.Fatal(err)
	}
	m := textpos.NewMapper(text)
	var ps []protocol.Position
	for _, loc := range regexp.MustCompile(`\.;|\?\.;`).FindAllStringIndex(deepHandlers, -1) {
		off := loc[1] - 1
		p := m.Position(off, textpos.UTF16)
		ps = append(ps, protocol.Position{Line: p.Line, Character: p.Character})
	}
	if len(ps) != 9 {
		b.Fatalf("%d positions, want 9", len(ps))
	}
	b.ReportAllocs()
	var lat []time.Duration
	i, items := 0, 0
	for b.Loop() {
		start := time.Now()
		res, err := l.server.Completion(ctx, &protocol.CompletionParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
			TextDocument: protocol.TextDocumentIdentifier{URI: l.big}, Position: ps[i%len(ps)]}})
		lat = append(lat, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		n := len(res.(*protocol.CompletionList).Items)
		if n == 0 {
			b.Fatalf("no items at position %d", i%len(ps))
		}
		items += n
		i++
	}
	sort.Slice(lat, func(a, c int) bool { return lat[a] < lat[c] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(items)/float64(i), "items/op")
}
