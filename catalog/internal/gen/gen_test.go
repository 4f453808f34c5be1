package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// fixture builds a catalog from the extractor's fixture packages and a
// small overlay exercising every merge rule.
func fixture(t *testing.T, edit func(*overlay)) (*catalog.File, *report, error) {
	t.Helper()
	p := &pins{
		PinnedOn:    "2026-01-02",
		CorvidTypes: pkgVersion{Name: "corvid-types", Version: "0.4.16"},
		SDK:         []pkgVersion{{Name: "@wix/demo", Version: "1.0.7", Docs: "https://dev.wix.com/docs/sdk/backend-modules/demo"}, {Name: "@wix/olddemo", Version: "1.0.75", Docs: "https://www.npmjs.com/package/@wix/olddemo"}},
	}
	ov := &overlay{}
	ov.V1.Modules = append(ov.V1.Modules, struct {
		Module        string `json:"module"`
		Prefix        string `json:"prefix"`
		PrefixDocs    string `json:"prefixDocs"`
		EventDocsBase string `json:"eventDocsBase"`
		EventDocsSeen string `json:"eventDocsSeen"`
		Note          string `json:"note"`
	}{Module: "wix-demo-backend", Prefix: "wixDemo", PrefixDocs: "https://dev.wix.com/docs/velo/apis/wix-demo-backend/events/introduction", EventDocsBase: "https://dev.wix.com/docs/velo/apis/wix-demo-backend/events/"})
	ov.V2.Handlers = []v2Handler{
		{Name: "wixDemoV2_onThingCreated", Module: "wix-demo.v2", PayloadType: "ThingCreated", SeenOn: "https://dev.wix.com/docs/velo/events-service-plugins/demo/events/on-thing-created.md"},
	}
	ov.SDKPx.Map = []sdkPrefix{
		{Package: "@wix/demo", Namespace: "things", Module: "wix-demo.v2", Prefix: "wixDemoV2", Docs: "https://dev.wix.com/docs/velo/events-service-plugins/demo/events/on-thing-created.md"},
		{Package: "@wix/demo", Namespace: "things", Module: "wix-demo.v2", Prefix: "wixDemo", Docs: "https://dev.wix.com/docs/velo/api-reference/wix-demo-v2/events/on-thing-updated", Note: "Two prefixes in the docs."},
	}
	if edit != nil {
		edit(ov)
	}
	lock := map[string]lockEntry{"corvid-types": {Version: "0.4.16", Integrity: "sha512-ct"}, "@wix/demo": {Version: "1.0.7", Integrity: "sha512-demo"}}
	return build(os.DirFS("../extract/testdata/npm"), p, ov, lock)
}

func TestBuild(t *testing.T) {
	f, rep, err := fixture(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Parse(mustEncode(t, f))
	if err != nil {
		t.Fatal(err)
	}
	// v1 from corvid-types, deprecated by the package's own Events doc.
	h := c.Lookup("wixDemo_onThingCreated")
	if len(h) != 2 || h[0].Generation != catalog.V1 || h[1].Generation != catalog.V2 {
		t.Fatalf("wixDemo_onThingCreated = %+v", h)
	}
	v1 := h[0]
	if !v1.Deprecated || !strings.Contains(v1.DeprecationNote, "newer version is available") ||
		v1.DocsURL != "https://dev.wix.com/docs/velo/apis/wix-demo-backend/events/on-thing-created" ||
		v1.Evidence != "npm:corvid-types@0.4.16/types/common/wix-demo-backend.d.ts" || len(v1.PayloadFields) != 3 {
		t.Errorf("v1 = %+v", v1)
	}
	if old := c.Lookup("wixDemo_onOldThing"); len(old) != 1 || strings.HasPrefix(old[0].Description, "**Deprecated") {
		t.Errorf("onOldThing description keeps the deprecation banner: %+v", old)
	}
	// Derived under the second prefix, with the two-prefix note.
	v2 := h[1]
	if !v2.Derived || v2.SDK != "@wix/demo things.onThingCreated" || v2.EventType != "wix.demo.v1.thing_created" || v2.Note != "Two prefixes in the docs." {
		t.Errorf("derived = %+v", v2)
	}
	// Confirmed name linked to its SDK event, not derived again.
	conf := c.Lookup("wixDemoV2_onThingCreated")
	if len(conf) != 1 || conf[0].Derived || conf[0].EventType != "wix.demo.v1.thing_created" || conf[0].Evidence != "https://dev.wix.com/docs/velo/events-service-plugins/demo/events/on-thing-created.md" {
		t.Errorf("confirmed = %+v", conf)
	}
	// A deprecated SDK event makes its derived handler deprecated.
	upd := c.Lookup("wixDemoV2_onThingUpdated")
	if len(upd) != 1 || !upd[0].Deprecated || upd[0].RemovalDate != "2026-03-31" || !strings.Contains(upd[0].DeprecationNote, "wix.demo.v2.thing_updated") {
		t.Errorf("derived deprecated = %+v", upd)
	}
	if rep.v2Confirmed != 1 || rep.v2Derived != 3 || rep.v1Modules["wix-demo-backend"] != 3 || rep.sdkPackages["@wix/olddemo"] != [2]int{1, 1} {
		t.Errorf("report = %+v", rep)
	}
	if got := c.PrefixModules("wixDemo"); len(got) != 2 {
		t.Errorf("wixDemo modules = %v", got)
	}
	if c.Version() != "2026-01-02 (corvid-types 0.4.16, 2 SDK packages)" {
		t.Errorf("version = %q", c.Version())
	}
	var integ []string
	for _, p := range c.Packages() {
		integ = append(integ, p.Name+"="+p.Integrity)
	}
	if !strings.Contains(strings.Join(integ, " "), "@wix/demo=sha512-demo") {
		t.Errorf("packages = %v", integ)
	}
}

func TestBuildRejects(t *testing.T) {
	tests := []struct {
		name string
		edit func(*overlay)
		want string
	}{
		{"replacedBy unknown", func(ov *overlay) {
			ov.Dep.V1 = append(ov.Dep.V1, struct {
				Module      string   `json:"module"`
				Events      []string `json:"events"`
				Note        string   `json:"note"`
				ReplacedBy  string   `json:"replacedBy"`
				RemovalDate string   `json:"removalDate"`
				Docs        string   `json:"docs"`
			}{Module: "wix-demo-backend", Events: []string{"onOldThing"}, Note: "n", ReplacedBy: "wixNope_onX", Docs: "https://dev.wix.com/docs/x"})
		}, "replacedBy wixNope_onX"},
		{"deprecation matches nothing", func(ov *overlay) {
			ov.Dep.V1 = append(ov.Dep.V1, struct {
				Module      string   `json:"module"`
				Events      []string `json:"events"`
				Note        string   `json:"note"`
				ReplacedBy  string   `json:"replacedBy"`
				RemovalDate string   `json:"removalDate"`
				Docs        string   `json:"docs"`
			}{Module: "wix-demo-backend", Events: []string{"onTypo"}, Note: "n"})
		}, "matched 0"},
		{"empty namespace", func(ov *overlay) {
			ov.SDKPx.Map = append(ov.SDKPx.Map, sdkPrefix{Package: "@wix/demo", Namespace: "quiet", Module: "m", Prefix: "wixQ", Docs: "https://dev.wix.com/docs/q"})
		}, "has no events"},
		{"prefix docs not on dev.wix.com", func(ov *overlay) {
			ov.SDKPx.Map[0].Docs = "https://example.com/x"
		}, "dev.wix.com"},
		{"duplicate confirmed", func(ov *overlay) {
			ov.V2.Handlers = append(ov.V2.Handlers, ov.V2.Handlers[0])
		}, "duplicate"},
	}
	for _, tt := range tests {
		_, _, err := fixture(t, tt.edit)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestEncodeDeterministic(t *testing.T) {
	f1, _, err := fixture(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	f2, _, _ := fixture(t, nil)
	// Shuffle the second one's order: encode must sort.
	for i, j := 0, len(f2.Handlers)-1; i < j; i, j = i+1, j-1 {
		f2.Handlers[i], f2.Handlers[j] = f2.Handlers[j], f2.Handlers[i]
	}
	a, b := mustEncode(t, f1), mustEncode(t, f2)
	if !bytes.Equal(a, b) {
		t.Error("encode depends on input order")
	}
	if !bytes.HasPrefix(a, []byte("{\n\"generated\": \"Code generated by `go generate ./catalog`")) {
		t.Errorf("first field must mark the file generated: %.80s", a)
	}
}

func TestKebab(t *testing.T) {
	for in, want := range map[string]string{"onInvoicePaid": "on-invoice-paid", "onMessage": "on-message", "onWixEventCanceled": "on-wix-event-canceled"} {
		if got := kebab(in); got != want {
			t.Errorf("kebab(%s) = %s, want %s", in, got, want)
		}
	}
}

// The committed overlay must parse with the generator's strict decoding.
func TestCommittedOverlay(t *testing.T) {
	if _, err := readOverlay("../../overlay"); err != nil {
		t.Fatal(err)
	}
	if _, err := readPins("../../overlay/pins.json"); err != nil {
		t.Fatal(err)
	}
}

func mustEncode(t *testing.T, f *catalog.File) []byte {
	t.Helper()
	b, err := encode(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every pinned SDK package is recorded as a module (with its event count,
// 0 included), and events get the reference page the docs overlay names.
func TestModulesAndDocs(t *testing.T) {
	f, _, err := fixture(t, func(ov *overlay) {
		ov.Docs.Base = "https://dev.wix.com/docs/sdk/backend-modules/"
		ov.Docs.Exceptions = append(ov.Docs.Exceptions, struct {
			Package         string   `json:"package"`
			NamespaceSuffix string   `json:"namespaceSuffix"`
			Folder          string   `json:"folder"`
			DropOn          bool     `json:"dropOn"`
			SeenOn          []string `json:"seenOn"`
			Note            string   `json:"note"`
		}{Package: "@wix/demo", NamespaceSuffix: "ings", Folder: "catalog-v3", DropOn: true})
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalog.Parse(mustEncode(t, f))
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := c.SDKModule("@wix/demo"); !ok || m.Version != "1.0.7" || m.Events != 2 || m.DocsURL != "https://dev.wix.com/docs/sdk/backend-modules/demo" {
		t.Errorf("SDKModule(@wix/demo) = %+v, %v", m, ok)
	}
	if m, ok := c.SDKModule("@wix/olddemo"); !ok || m.Events != 1 {
		t.Errorf("SDKModule(@wix/olddemo) = %+v, %v", m, ok)
	}
	// demo's things namespace matches the exception: folder and slug move.
	if e := c.SDK("@wix/demo", "things", "onThingCreated"); e == nil || e.DocsURL != "https://dev.wix.com/docs/sdk/backend-modules/demo/catalog-v3/things/thing-created" {
		t.Errorf("onThingCreated docs = %+v", e)
	}
	// olddemo's docs are its npm page: no per-event page.
	if e := c.SDK("@wix/olddemo", "coupons", "onCouponCreated"); e == nil || e.DocsURL != "" {
		t.Errorf("onCouponCreated docs = %+v", e)
	}
	// A package pinned without a docs page is refused.
	p := &pins{PinnedOn: "2026-01-02", CorvidTypes: pkgVersion{Name: "corvid-types", Version: "0.4.16"}, SDK: []pkgVersion{{Name: "@wix/demo", Version: "1.0.7"}}}
	if _, _, err := build(os.DirFS("../extract/testdata/npm"), p, &overlay{}, nil); err == nil || !strings.Contains(err.Error(), "no docs page") {
		t.Errorf("pin without docs: %v", err)
	}
}

func TestDocsSlugs(t *testing.T) {
	d := &sdkDocs{Base: "https://dev.wix.com/docs/sdk/backend-modules/"}
	for _, tc := range []struct{ pkgDocs, ns, export, want string }{
		{"https://dev.wix.com/docs/sdk/backend-modules/ecom", "abandonedCheckouts", "onAbandonedCheckoutCreated", "https://dev.wix.com/docs/sdk/backend-modules/ecom/abandoned-checkouts/on-abandoned-checkout-created"},
		{"https://dev.wix.com/docs/sdk/backend-modules/stores", "productsV3", "onProductCreated", "https://dev.wix.com/docs/sdk/backend-modules/stores/products-v3/on-product-created"},
		{"https://www.npmjs.com/package/@wix/faq", "categories", "onCategoryCreated", ""},
	} {
		e := &catalog.SDKEvent{Namespace: tc.ns, Export: tc.export}
		if got := d.eventDocsURL(tc.pkgDocs, e); got != tc.want {
			t.Errorf("eventDocsURL(%s %s.%s) = %q, want %q", tc.pkgDocs, tc.ns, tc.export, got, tc.want)
		}
	}
}
