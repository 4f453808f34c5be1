package scan

import (
	"fmt"
	"strings"
	"testing"
)

// reads renders a file's reads as "path@written/base".
func reads(src string) string {
	f := Parse(src)
	var out []string
	for _, r := range f.Reads {
		out = append(out, fmt.Sprintf("%s@%s/%d", r.Path, src[r.Span.Start:r.Span.End], r.Base))
	}
	return strings.Join(out, " ")
}

func TestPayloadReads(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"member chains", "export function wixA_onB(event) { return event.entity?.info.name + event.id; }",
			"entity.info.name@event.entity?.info.name/0 id@event.id/0"},
		{"array index and TS non-null", "export function wixA_onB(event) { return event.items[0]!.name; }",
			"items.[].name@event.items[0]!.name/0"},
		{"destructured parameter", "export const wixA_onB = ({ entity, metadata: m }) => entity.id + m._id;",
			"entity@entity/0 metadata@metadata/0 entity.id@entity.id/1 metadata._id@m._id/1"},
		{"alias and destructuring declaration", "export function wixA_onB(event) { const o = event.data.order; const { buyer } = o; return buyer.email; }",
			"data.order@event.data.order/0 data.order.buyer@buyer/2 data.order.buyer.email@buyer.email/3"},
		{"SDK registration", "export default contacts.onContactCreated(async (event) => { log(event.entity._id); });",
			"entity._id@event.entity._id/0"},
		{"written before read", "export function wixA_onB(event) { event.x = 1; return event.x.y + event.z; }",
			"z@event.z/0"},
		{"fallbacks and tests", "export function wixA_onB(event) { const a = event.entity || event; if (event.b) {} return event.c ?? event.d.e ? 1 : !event.f; }", ""},
		{"shadowed by an inner parameter", "export function wixA_onB(event) { list.map((event) => event.q); return event.r; }", ""},
		{"reassigned", "export function wixA_onB(event) { event = JSON.parse(event); return event.r; }", ""},
		{"alias declared twice", "export function wixA_onB(event) { const o = event.a; { const o = 2; } return o.b; }", ""},
		{"catch parameter", "export function wixA_onB(event) { try {} catch (event) { return event.message; } }", ""},
		{"typeof and computed access", "export function wixA_onB(event) { return typeof event.a + event['b'].c; }", ""},
		{"not a handler: no '_' in the name", "export function helper(event) { return event.a; }", ""},
		{"object keys and shorthand are not reads", "export function wixA_onB(event) { return { event, key: event.k }; }", "k@event.k/0"},
	}
	for _, tt := range tests {
		if got := reads(tt.src); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestChainBefore(t *testing.T) {
	src := "x = event.entity?.lineItems[0]!.name."
	f := Parse(src)
	dot := f.TokenBefore(len(src))
	root, path, ok := f.ChainBefore(dot)
	if !ok || f.tok(root) != "event" || strings.Join(path, ".") != "entity.lineItems.[].name" {
		t.Errorf("ChainBefore = %d %v %v", root, path, ok)
	}
	if _, _, ok := Parse("f().x.").ChainBefore(3); ok {
		t.Error("a call result is not a chain on a name")
	}
}

// TestPayloadReadsLongHandler: a handler with thousands of statements is
// read in linear time (the walk to a name's enclosing bracket is bounded).
func TestPayloadReadsLongHandler(t *testing.T) {
	var b strings.Builder
	b.WriteString("export function wixA_onB(event) {\n")
	for i := 0; i < 5000; i++ {
		b.WriteString("  log(event.a);\n")
	}
	b.WriteString("}\n")
	f := Parse(b.String())
	if len(f.Reads) != 0 && len(f.Reads) != 5000 {
		t.Errorf("%d reads", len(f.Reads))
	}
}
