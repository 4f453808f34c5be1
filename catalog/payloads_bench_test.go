package catalog

import "testing"

// BenchmarkPayloadIndex is what the first payload question costs: indexing
// payloads.gen.json's lines (catalog load does not touch the file).
func BenchmarkPayloadIndex(b *testing.B) {
	b.SetBytes(int64(len(embeddedPayloads)))
	for i := 0; i < b.N; i++ {
		indexPayloads(embeddedPayloads)
	}
}

// BenchmarkPayloadWalk resolves a depth-5 path of an order event, with the
// types decoded (the steady state of completion).
func BenchmarkPayloadWalk(b *testing.B) {
	c := Default()
	roots := []*Type{c.SDKPayload(c.SDK("@wix/ecom", "orders", "onOrderApproved"))}
	path := []string{"data", "order", "priceSummary", "total", "amount"}
	c.Walk(roots, path)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Walk(roots, path)
	}
}

// BenchmarkPayloadFirstWalk is a walk on a fresh index: every type on the
// path decoded from its line.
func BenchmarkPayloadFirstWalk(b *testing.B) {
	path := []string{"data", "order", "priceSummary", "total", "amount"}
	for i := 0; i < b.N; i++ {
		p := indexPayloads(embeddedPayloads)
		root := p.typ(p.sdk["@wix/ecom orders.onOrderApproved"])
		t := root
		for _, name := range path {
			f := t.Field(name)
			if f == nil || f.Type.Prim() {
				break
			}
			t = p.typ(f.Type.Name)
		}
	}
}
