package extract

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// readDir reads every declaration file of a fixture folder, entry first.
func readDir(t *testing.T, dir, entry string) (map[string]string, []string) {
	t.Helper()
	texts := map[string]string{}
	order := []string{entry}
	names, _ := filepath.Glob(filepath.Join(dir, "*.d.*ts"))
	sort.Strings(names)
	for _, n := range names {
		raw, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(n)
		texts[base] = string(raw)
		if base != entry {
			order = append(order, base)
		}
	}
	return texts, order
}

// describe renders a node's fields as "name:type[flags]" for comparison.
func describe(g *Graph, r Ref) string {
	if r.Prim != "" {
		if r.Array {
			return r.Prim + "[]"
		}
		return r.Prim
	}
	n := g.Nodes[r.Node]
	s := n.Name
	if r.Array {
		s += "[]"
	}
	return s
}

func field(t *testing.T, g *Graph, n *Node, name string) NodeField {
	t.Helper()
	for _, f := range n.Fields {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("%s has no field %s (has %v)", n.Name, name, fieldNames(n))
	return NodeField{}
}

func fieldNames(n *Node) []string {
	var out []string
	for _, f := range n.Fields {
		out = append(out, f.Name)
	}
	return out
}

func TestTypesAcrossChunkFiles(t *testing.T) {
	texts, order := readDir(t, "testdata/types/chunked", "index.d.mts")
	g := TypesFromFiles(texts, order).Graph([]string{"WidgetCreatedEnvelope", "Missing"})
	if r := g.Roots["Missing"]; r.Prim != PrimAny {
		t.Errorf("an undeclared root = %+v, want any", r)
	}
	env := g.Nodes[g.Roots["WidgetCreatedEnvelope"].Node]
	if got := strings.Join(fieldNames(env), ","); got != "entity,metadata,bag" {
		t.Fatalf("envelope fields = %s", got)
	}
	w := g.Nodes[field(t, g, env, "entity").Type.Node]
	if w.Doc != "A widget of the demo shop." {
		t.Errorf("Widget doc = %q", w.Doc)
	}
	tests := []struct {
		name, typ                string
		optional, nullable, guid bool
		doc                      string
	}{
		{"_id", "string", true, true, true, "Widget ID."},
		{"name", "string", true, false, false, "Display name."},
		{"title", "string", true, false, false, "Deprecated. Use `name`."},
		{"tags", "string[]", false, false, false, ""},
		{"status", "WidgetStatus", true, false, false, ""},
		{"size", "Widget.size", false, false, false, ""},
		{"dimensions", "Widget.dimensions", true, false, false, ""},
		{"parts", "Part[]", true, false, false, ""},
		{"grid", "any", true, false, false, ""}, // nested arrays: not modelled
		{"extra", "any", true, false, false, ""},
		{"owner", "Widget.owner", false, false, false, ""},
		{"createdDate", "Date", true, true, false, ""},
		{"preview", "Part", false, false, false, ""},
		{"anyThing", "any", true, false, false, ""}, // an unknown generic
		{"shape", "Widget.shape", true, false, false, ""},
		{"parent", "Widget", true, false, false, ""}, // recursive
		{"alias", "Part", true, false, false, ""},
		{"render", "function", false, false, false, ""},
		{"gadget", "Gadget", true, false, false, ""}, // from the OneOf base
		{"gizmo", "Gizmo", true, false, false, ""},
	}
	for _, tt := range tests {
		f := field(t, g, w, tt.name)
		if got := describe(g, f.Type); got != tt.typ || f.Optional != tt.optional || f.Nullable != tt.nullable || f.GUID != tt.guid || f.Doc != tt.doc {
			t.Errorf("%s = %s opt=%v null=%v guid=%v doc=%q; want %s %v %v %v %q", tt.name, got, f.Optional, f.Nullable, f.GUID, f.Doc, tt.typ, tt.optional, tt.nullable, tt.guid, tt.doc)
		}
	}
	if len(w.OneOf) != 1 || strings.Join(w.OneOf[0], ",") != "gadget,gizmo" {
		t.Errorf("OneOf = %v, want [[gadget gizmo]]", w.OneOf)
	}
	if w.Open {
		t.Error("Widget is closed")
	}
	st := g.Nodes[field(t, g, w, "status").Type.Node]
	if st.Kind != KindEnum || strings.Join(st.Values, ",") != "DRAFT,LIVE" {
		t.Errorf("status = %c %v, want the enum WidgetStatus DRAFT,LIVE", st.Kind, st.Values)
	}
	if sz := g.Nodes[field(t, g, w, "size").Type.Node]; sz.Kind != KindEnum || strings.Join(sz.Values, ",") != "S,M,L" {
		t.Errorf("size = %c %v, want an enum S,M,L", sz.Kind, sz.Values)
	}
	if sh := g.Nodes[field(t, g, w, "shape").Type.Node]; sh.Kind != KindUnion || len(sh.Alts) != 2 {
		t.Errorf("shape = %c %v, want a union of two", sh.Kind, sh.Alts)
	}
	if ow := g.Nodes[field(t, g, w, "owner").Type.Node]; strings.Join(fieldNames(ow), ",") != "first,by" {
		t.Errorf("owner (Person & Audit) fields = %v", fieldNames(ow))
	}
	if pv := g.Nodes[field(t, g, w, "preview").Type.Node]; strings.Join(fieldNames(pv), ",") != "label" {
		t.Errorf("preview (Omit<Part, 'secret'>) fields = %v", fieldNames(pv))
	}
	if bag := g.Nodes[field(t, g, env, "bag").Type.Node]; !bag.Open {
		t.Error("Bag has an index signature: it must be open")
	}
}

func TestTypesFromCorvid(t *testing.T) {
	raw, err := os.ReadFile("testdata/types/corvid.d.ts")
	if err != nil {
		t.Fatal(err)
	}
	ts := TypesFromCorvid(string(raw), "wix-demo-backend")
	if !ts.Has("Orders.OrderPlaced") || TypesFromCorvid(string(raw), "wix-other-backend") != nil {
		t.Fatal("module blocks not told apart")
	}
	g := ts.Graph([]string{"Orders.OrderPlaced"})
	op := g.Nodes[g.Roots["Orders.OrderPlaced"].Node]
	if op.Name != "OrderPlaced" || op.Doc != "An order placed on the site." {
		t.Errorf("root = %s %q", op.Name, op.Doc)
	}
	buyer := g.Nodes[field(t, g, op, "buyer").Type.Node] // bare name, same namespace
	addr := g.Nodes[field(t, g, buyer, "address").Type.Node]
	if addr.Name != "Address" || describe(g, field(t, g, addr, "city").Type) != "string" {
		t.Errorf("buyer.address = %s", addr.Name)
	}
	if l := field(t, g, op, "lines"); describe(g, l.Type) != "Line[]" {
		t.Errorf("lines = %s", describe(g, l.Type))
	}
	if f := field(t, g, op, "status"); strings.Join(f.Values, ",") != "Placed,Paid" || f.Doc != "Status of the order." {
		t.Errorf("status = %+v, want the documented values Placed, Paid", f)
	}
	if f := field(t, g, op, "orderId"); f.Doc != "Order ID." || f.Optional {
		t.Errorf("orderId = %+v", f)
	}
}

func TestParseTypeExprTolerates(t *testing.T) {
	for _, s := range []string{
		"", "{", "A<", "(a: string) => void", "[string, number]", "keyof Foo", "T extends U ? X : Y",
		"`tpl${string}`", "-1", "A['b']", "(A | B)[]", "typeof x", "{ [K in Keys]: V }",
	} {
		_ = parseTypeExpr(s) // must not panic
	}
	if e := parseTypeExpr("(A | B)[]"); e.kind != 'a' || e.elems[0].kind != 'u' {
		t.Errorf("(A | B)[] parsed as %c", e.kind)
	}
}
