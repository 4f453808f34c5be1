package extract

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

func TestParseCorvid(t *testing.T) {
	raw, err := os.ReadFile("testdata/npm/corvid-types/types/common/wix-demo-backend.d.ts")
	if err != nil {
		t.Fatal(err)
	}
	mods, err := ParseCorvid(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	if len(mods) != 1 || mods[0].Name != "wix-demo-backend" {
		t.Fatalf("modules = %+v", mods)
	}
	m := mods[0]
	if !strings.HasPrefix(m.EventsDoc, "**Deprecated.**") || strings.Contains(m.EventsDoc, "[Read more]") {
		t.Errorf("EventsDoc = %q", m.EventsDoc)
	}
	var names []string
	for _, e := range m.Events {
		names = append(names, e.Name)
	}
	// interface WixEvents is not Events: onSomething must not appear.
	if want := []string{"onThingCreated", "onOldThing", "onUnresolved"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("events = %v, want %v", names, want)
	}
	created := m.Events[0]
	if created.PayloadType != "Events.ThingCreatedEvent" ||
		created.ReadMore != "https://www.wix.com/corvid/reference/wix-demo-backend.Events.html#onThingCreated" ||
		created.Description != "An event that fires when a thing is created.\n\nSecond paragraph." {
		t.Errorf("onThingCreated = %+v", created)
	}
	wantFields := []catalog.Field{
		{Name: "metadata", Type: "Events.EventMetadata", Doc: "Event metadata."},
		{Name: "entity", Type: "Events.Thing", Doc: "Created thing."},
		{Name: "legacy", Type: "string", Doc: "Deprecated.", Optional: true},
	}
	if !reflect.DeepEqual(created.Fields, wantFields) {
		t.Errorf("namespace payload fields = %+v", created.Fields)
	}
	old := m.Events[1]
	wantOld := []catalog.Field{
		{Name: "_id", Type: "string", Doc: "Unique order ID."},
		{Name: "shipping", Type: "object", Doc: "Shipping info: an inline object.", Optional: true},
		{Name: "status", Type: "'A' | 'B'", Doc: "Status, one of: + `\"A\"` + `\"B\"`"},
	}
	if old.PayloadType != "Order" || !reflect.DeepEqual(old.Fields, wantOld) || !strings.HasPrefix(old.Description, "**Deprecated.**") {
		t.Errorf("onOldThing = %+v", old)
	}
	if m.Events[2].Fields != nil {
		t.Errorf("unresolvable payload got fields %+v", m.Events[2].Fields)
	}
}

func TestEntryNamespaces(t *testing.T) {
	src := `import * as a from '@wix/auto_sdk_x_a';
export { a as alpha };
import * as coupons from '@wix/m_coupons';
import * as consent from '@wix/m_consent';
export { coupons, consent };
import * as items from '@wix/wix-data-items-sdk';
export { items as items };
export { Filter, QueryBuilder } from '@wix/wix-data-items-sdk';
export { notImported };`
	got := EntryNamespaces(src)
	want := map[string]string{"alpha": "@wix/auto_sdk_x_a", "coupons": "@wix/m_coupons", "consent": "@wix/m_consent", "items": "@wix/wix-data-items-sdk"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("EntryNamespaces = %v, want %v", got, want)
	}
}

func TestExtractSDKNewStyle(t *testing.T) {
	res, err := ExtractSDK(os.DirFS("testdata/npm"), "@wix/demo")
	if err != nil {
		t.Fatal(err)
	}
	if res.Package.Version != "1.0.7" || res.Package.Types != "build/es/index.d.mts" {
		t.Errorf("package = %+v", res.Package)
	}
	if len(res.Read) != 1 || res.Read[0].Name != "@wix/auto_sdk_demo_things" || res.Read[0].Version != "1.0.42" {
		t.Errorf("read = %+v (packages without events are not listed)", res.Read)
	}
	if len(res.Events) != 2 {
		t.Fatalf("events = %+v", res.Events)
	}
	c := res.Events[0]
	want := catalog.SDKEvent{
		Package: "@wix/demo", ImportPath: "@wix/demo", Namespace: "things", Export: "onThingCreated",
		EventType: "wix.demo.v1.thing_created", PayloadType: "ThingCreatedEnvelope",
		PayloadFields:      []catalog.Field{{Name: "entity", Type: "Thing", Doc: "The created thing."}, {Name: "metadata", Type: "EventMetadata"}},
		Description:        "Triggered when a thing is created.\n\nSecond paragraph with a [link](https://dev.wix.com/docs/x).",
		PermissionScopes:   []string{"Manage Things", "Read Things"},
		PermissionScopeIDs: []string{"SCOPE.DEMO.MANAGE-THINGS", "SCOPE.DEMO.READ-THINGS"},
		Evidence:           "npm:@wix/auto_sdk_demo_things@1.0.42/build/es/index.d.mts",
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("onThingCreated =\n%+v\nwant\n%+v", c, want)
	}
	u := res.Events[1]
	if u.Export != "onThingUpdated" || !u.Deprecated || u.ReplacedBy != "wix.demo.v2.thing_updated" || u.TargetRemovalDate != "2026-03-31" ||
		u.Description != "Short doc only here." || len(u.PayloadFields) != 1 {
		t.Errorf("onThingUpdated = %+v", u)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings = %v", res.Warnings)
	}
}

func TestExtractSDKOldStyle(t *testing.T) {
	res, err := ExtractSDK(os.DirFS("testdata/npm"), "@wix/olddemo")
	if err != nil {
		t.Fatal(err)
	}
	if res.Package.Types != "build/cjs/index.d.ts" {
		t.Errorf("no exports map, no typings: want build/cjs/index.d.ts, got %q", res.Package.Types)
	}
	if len(res.Events) != 1 {
		t.Fatalf("events = %+v", res.Events)
	}
	e := res.Events[0]
	if e.Namespace != "coupons" || e.Export != "onCouponCreated" || e.EventType != "wix.ecommerce.coupons.v2.coupon_created" ||
		e.PayloadType != "CouponCreatedEnvelope" || len(e.PayloadFields) != 2 || e.Description != "Triggered when a coupon is created." ||
		!reflect.DeepEqual(e.PermissionScopes, []string{"Manage Coupons"}) ||
		e.Evidence != "npm:@wix/olddemo_coupons@1.0.32/build/cjs/src/demo-coupons.public.d.ts" {
		t.Errorf("old-style event = %+v", e)
	}
}

func TestExtractSDKErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"@wix/broken/package.json":           {Data: []byte(`{"version":"1.0.0","types":"index.d.ts"}`)},
		"@wix/broken/index.d.ts":             {Data: []byte("import * as gone from '@wix/gone';\nexport { gone as gone };\n")},
		"@wix/empty/package.json":            {Data: []byte(`{"version":"1.0.0","types":"index.d.ts"}`)},
		"@wix/empty/index.d.ts":              {Data: []byte("export declare const x: number;\n")},
		"@wix/warn/package.json":             {Data: []byte(`{"version":"1.0.0","types":"index.d.ts"}`)},
		"@wix/warn/index.d.ts":               {Data: []byte("import * as m from '@wix/warn_m';\nexport { m as m };\n")},
		"@wix/warn_m/package.json":           {Data: []byte(`{"version":"2.0.0","types":"index.d.ts"}`)},
		"@wix/warn_m/index.d.ts":             {Data: []byte(`declare const onX$1: EventDefinition<XEnvelope, "wix.x.created">;` + "\n")},
		"@wix/bad-json/package.json":         {Data: []byte(`{`)},
		"@wix/bad-json/build/cjs/index.d.ts": {Data: []byte("")},
		"@wix/no-entry/package.json":         {Data: []byte(`{"version":"1.0.0"}`)},
	}
	for _, pkg := range []string{"@wix/broken", "@wix/bad-json", "@wix/no-entry", "@wix/missing"} {
		if _, err := ExtractSDK(fsys, pkg); err == nil {
			t.Errorf("ExtractSDK(%s) succeeded", pkg)
		}
	}
	// A package whose entry pairs no namespaces declares no events: recorded
	// as such (with a warning), not an error.
	if res, err := ExtractSDK(fsys, "@wix/empty"); err != nil || len(res.Events) != 0 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "no namespaces") {
		t.Errorf("ExtractSDK(@wix/empty) = %+v, %v", res, err)
	}
	res, err := ExtractSDK(fsys, "@wix/warn")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != 1 || len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "no JSDoc") {
		t.Errorf("events %+v warnings %v", res.Events, res.Warnings)
	}
}

func TestMembersContinuationLines(t *testing.T) {
	body := `
        /** A. */
        a: 'x' |
            'y';
        b?: Array<{
            c: string;
        }>
        /** D. */
        d: (e: string) => void;
        readonly 'quoted-name': number;
    `
	got := fieldsOf(body)
	want := []catalog.Field{
		{Name: "a", Type: "'x' | 'y'", Doc: "A."},
		{Name: "b", Type: "Array<{ c: string; }>", Optional: true},
		{Name: "d", Type: "(e: string) => void", Doc: "D."},
		{Name: "quoted-name", Type: "number"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fieldsOf =\n%+v\nwant\n%+v", got, want)
	}
}
