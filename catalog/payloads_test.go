package catalog

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestPayloadData checks payloads.gen.json as a whole: valid JSON, every
// type decodes, every reference names a type of the file, and the roots
// cover the catalog.
func TestPayloadData(t *testing.T) {
	var whole map[string]json.RawMessage
	if err := json.Unmarshal([]byte(embeddedPayloads), &whole); err != nil {
		t.Fatalf("payloads.gen.json is not JSON: %v", err)
	}
	p := openPayloads(embeddedPayloads)
	var types map[string]json.RawMessage
	if err := json.Unmarshal(whole["types"], &types); err != nil {
		t.Fatal(err)
	}
	ids := entries(p.typesec)
	if len(types) != len(ids) || len(ids) < 1000 {
		t.Fatalf("the line reader found %d types, the JSON has %d", len(ids), len(types))
	}
	if !sort.StringsAreSorted(ids) || !sort.StringsAreSorted(entries(p.handlers)) || !sort.StringsAreSorted(entries(p.sdk)) {
		t.Fatal("a section is not sorted: lookups are binary searches")
	}
	ref := func(where string, r TypeRef) {
		if !r.Prim() && p.typ(r.Name) == nil {
			t.Errorf("%s names %q, which is not a type", where, r.Name)
		}
	}
	for _, id := range ids {
		ty := p.typ(id)
		if ty == nil {
			t.Errorf("type %s does not decode", id)
			continue
		}
		for _, f := range ty.Fields {
			ref(id+"."+f.Name, f.Type)
		}
		for _, a := range ty.Alts {
			ref(id+" alternative", a)
		}
		if ty.Kind == KindEnum && len(ty.Values) == 0 {
			t.Errorf("enum %s has no values", id)
		}
	}
	for _, sec := range []string{p.handlers, p.sdk} {
		keys := entries(sec)
		if len(keys) < 100 {
			t.Fatalf("a roots section has %d entries", len(keys))
		}
		for _, k := range keys {
			r, ok := p.root(sec, k)
			if !ok {
				t.Errorf("root %s not found by its own key", k)
			}
			ref("root "+k, parseRef(r))
		}
	}

	c := Default()
	var v1, v1Missing, sdk, sdkMissing, v2 int
	for _, h := range c.Handlers() {
		switch {
		case h.Generation == V1:
			v1++
			if c.Payload(h) == nil {
				v1Missing++
				t.Errorf("v1 handler %s has no payload schema", h.Name)
			}
		case h.SDK != "" && c.Payload(h) != nil:
			v2++
		}
	}
	for _, e := range c.AllSDKEvents() {
		sdk++
		if c.SDKPayload(e) == nil {
			sdkMissing++
		}
	}
	if sdkMissing > sdk/50 || v2 < 100 {
		t.Errorf("schemas: %d of %d SDK events missing, %d v2 handlers with one", sdkMissing, sdk, v2)
	}
	t.Logf("v1 %d (%d missing), SDK %d (%d missing), v2 through SDK %d, types %d", v1, v1Missing, sdk, sdkMissing, v2, len(ids))
}

func TestWalk(t *testing.T) {
	c := Default()
	invoice, _ := c.PayloadRoots("wixBilling_onInvoicePaid")
	contact := []*Type{c.SDKPayload(c.SDK("@wix/crm", "contacts", "onContactCreated"))}
	tests := []struct {
		roots     []*Type
		path      string
		missing   int
		uncertain bool
		field     string // the last field's type
	}{
		{invoice, "id.id", -1, false, "string"},
		{invoice, "entity.id", 0, false, ""},
		{invoice, "customer.fristName", 1, false, ""},
		{invoice, "lineItems.[].name", -1, false, "string"},
		{invoice, "lineItems.[].nope", 2, false, ""},
		{invoice, "lineItems.length", -1, true, ""}, // an array's member
		{invoice, "id.id.length", -1, true, ""},     // a string's member
		{invoice, "toString", -1, true, ""},         // every object has it
		{contact, "entity.info.name.first", -1, false, "string"},
		{contact, "entity.info.extendedFields.items.anything", -1, true, ""}, // Record<string, any>
		{contact, "entity.info.extendedFields.anything", 3, false, ""},       // a wrapper: the values are under items
		{contact, "metadata.id", 1, false, ""},
		{contact, "metadata._id", -1, false, "string"},
	}
	for _, tt := range tests {
		r := c.Walk(tt.roots, strings.Split(tt.path, "."))
		got := ""
		if r.Field != nil && r.Missing < 0 && !r.Uncertain {
			got = r.Field.Type.String()
		}
		if r.Missing != tt.missing || r.Uncertain != tt.uncertain || got != tt.field {
			t.Errorf("Walk(%s) = missing %d uncertain %v field %q; want %d %v %q", tt.path, r.Missing, r.Uncertain, got, tt.missing, tt.uncertain, tt.field)
		}
	}
}

// TestDecodeTypeMatchesEncodingJSON keeps the hand decoder of type lines
// equal to encoding/json's reading of the same JSON, for every type.
func TestDecodeTypeMatchesEncodingJSON(t *testing.T) {
	p := openPayloads(embeddedPayloads)
	for _, id := range entries(p.typesec) {
		raw, _ := lookupLine(p.typesec, id)
		got, err := decodeType(raw)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		var tj typeJSON
		if err := json.Unmarshal([]byte(raw), &tj); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		want := &Type{Name: tj.Name, Kind: KindObject, Doc: tj.Doc, Values: tj.Values, Open: tj.Open != 0, OneOf: tj.OneOf}
		switch tj.Kind {
		case "e":
			want.Kind = KindEnum
		case "u":
			want.Kind = KindUnion
		}
		for _, a := range tj.Alts {
			want.Alts = append(want.Alts, parseRef(a))
		}
		for _, f := range tj.Fields {
			flags := int(f[2].(float64))
			pf := PayloadField{Name: f[0].(string), Type: parseRef(f[1].(string)), Optional: flags&FlagOptional != 0, Nullable: flags&FlagNullable != 0, GUID: flags&FlagGUID != 0}
			if len(f) > 3 {
				pf.Doc = f[3].(string)
			}
			if len(f) > 4 {
				for _, v := range f[4].([]any) {
					pf.Values = append(pf.Values, v.(string))
				}
			}
			want.Fields = append(want.Fields, pf)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s:\n got %+v\nwant %+v", id, got, want)
		}
	}
	if _, err := decodeType(`{"f":[["a","string",1,"x",["v"],9]]}`); err == nil {
		t.Error("a field with six elements decoded")
	}
}
