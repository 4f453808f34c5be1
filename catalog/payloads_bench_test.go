package catalog

import "testing"

// BenchmarkPayloadOpen is what the first payload question costs before
// its lookups: finding the three sections (catalog load does not touch
// the file).
func BenchmarkPayloadOpen(b *testing.B) {
	for i := 0; i < b.N; i++ {
		openPayloads(embeddedPayloads)
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
		p := openPayloads(embeddedPayloads)
		r, _ := p.root(p.sdk, "@wix/ecom orders.onOrderApproved")
		root := p.typ(r)
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
