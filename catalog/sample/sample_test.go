package sample

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// TestEveryCatalogSampleIsValid walks every catalog entry with a payload
// schema (v1 and v2 handlers, SDK events), writes its sample and checks it
// against the schema it came from.
func TestEveryCatalogSampleIsValid(t *testing.T) {
	cat := catalog.Default()
	n := 0
	check := func(name string, root *catalog.Type) {
		if root == nil {
			return
		}
		n++
		doc := JSON(cat, root)
		if errs := Validate(cat, root, doc); len(errs) > 0 {
			if len(errs) > 5 {
				errs = errs[:5]
			}
			t.Errorf("%s: sample does not follow %s:\n  %s", name, root.Name, strings.Join(errs, "\n  "))
		}
	}
	for _, h := range cat.Handlers() {
		check(h.Name+" ("+string(h.Generation)+")", cat.Payload(h))
	}
	for _, e := range cat.AllSDKEvents() {
		check(e.Package+" "+e.Namespace+"."+e.Export, cat.SDKPayload(e))
	}
	if n < 500 {
		t.Errorf("only %d entries have a payload schema, want at least 500", n)
	}
}

// TestSampleShape pins what a sample looks like: GUIDs for ids, ISO dates,
// the first enum value, one array element, nested objects.
func TestSampleShape(t *testing.T) {
	cat := catalog.Default()
	var inv *catalog.Type
	for _, h := range cat.Lookup("wixBilling_onInvoicePaid") {
		inv = cat.Payload(h)
	}
	var got map[string]any
	if err := json.Unmarshal(JSON(cat, inv), &got); err != nil {
		t.Fatal(err)
	}
	id := got["id"].(map[string]any)["id"].(string)
	if len(id) != 36 || id[14] != '4' {
		t.Errorf("id.id = %q, want a GUID (v4 shape)", id)
	}
	if items, ok := got["lineItems"].([]any); !ok || len(items) != 1 {
		t.Errorf("lineItems = %v, want one element", got["lineItems"])
	}
	if st := got["status"]; st != "Draft" {
		t.Errorf("status = %v, want Draft (the first value its docs list)", st)
	}
	if email := got["customer"].(map[string]any)["email"]; email != "jane.doe@example.com" {
		t.Errorf("customer.email = %v", email)
	}

	e := cat.SDK("@wix/ecom", "orders", "onOrderApproved")
	var order map[string]any
	if err := json.Unmarshal(JSON(cat, cat.SDKPayload(e)), &order); err != nil {
		t.Fatal(err)
	}
	o := order["data"].(map[string]any)["order"].(map[string]any)
	if s, _ := o["status"].(string); s == "" {
		t.Errorf("order.status = %v, want the enum's first value", o["status"])
	}
	if d, _ := o["_createdDate"].(string); !strings.HasPrefix(d, "2026-") {
		t.Errorf("order._createdDate = %v, want an ISO date", o["_createdDate"])
	}
}

// TestValidateCatches makes sure the validity test can fail.
func TestValidateCatches(t *testing.T) {
	cat := catalog.Default()
	var inv *catalog.Type
	for _, h := range cat.Lookup("wixBilling_onInvoicePaid") {
		inv = cat.Payload(h)
	}
	for _, bad := range []string{
		`{}`,                              // required fields missing
		`{"entity": {}}`,                  // a field Invoice lacks
		`{"id": "x"}`,                     // an object expected
		`{"id": {"id": 1, "version": 1}}`, // a string expected
		`{"lineItems": {"name": "x"}}`,    // an array expected
	} {
		if errs := Validate(cat, inv, []byte(bad)); len(errs) == 0 {
			t.Errorf("Validate(%s) found nothing wrong", bad)
		}
	}
}
