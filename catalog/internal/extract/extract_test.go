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

// Every declaration layout the @wix packages ship, each in a fixture
// package of its own: the event, its payload fields and its JSDoc must come
// through whatever file they live in.
func TestExtractSDKLayouts(t *testing.T) {
	type want struct {
		export, eventType, payload, desc, evidence string
		fields                                     int
		scopes                                     []string
		deprecated                                 bool
		replacedBy                                 string
	}
	for _, tc := range []struct {
		name, pkg string
		read      string // the implementation package@version read
		events    []want
	}{{
		// ecom orders: EventDefinition in index.d.mts, the handler's JSDoc
		// and the envelope in a hashed chunk (…universal-<hash>.d.mts)
		// imported under a one-letter alias, over a line break.
		name: "chunked declarations", pkg: "@wix/chunky", read: "@wix/auto_sdk_chunky_orders@1.0.9",
		events: []want{{
			export: "onOrderPaid", eventType: "wix.chunky.v1.order_paid", payload: "OrderPaidEnvelope",
			desc: "Triggered when a chunky order is paid.", fields: 2, scopes: []string{"Manage Chunky Orders"},
			evidence: "npm:@wix/auto_sdk_chunky_orders@1.0.9/build/es/index.d.mts",
		}, {
			export: "onOrderRefunded", eventType: "wix.chunky.v1.order_refunded", payload: "OrderRefundedEnvelope",
			desc: "Triggered when a chunky order is refunded.", fields: 2, deprecated: true, replacedBy: "wix.chunky.v2.order_refunded",
			evidence: "npm:@wix/auto_sdk_chunky_orders@1.0.9/build/es/index.d.mts",
		}},
	}, {
		// automations / email-marketing: .d.ts under build/es with an
		// exports map, `export * from './src/….context.js'`, the
		// EventDefinition in ….public.d.ts, JSDoc and envelope in
		// ….universal.d.ts, `export declare function`.
		name: "build/es .d.ts with src/ context, public, universal", pkg: "@wix/flows", read: "@wix/auto_sdk_flows_runs@1.0.5",
		events: []want{{
			export: "onRunStarted", eventType: "wix.flows.v1.run_started", payload: "RunStartedEnvelope",
			desc: "Triggered when a flow run starts.", fields: 2, scopes: []string{"Manage Flows"},
			evidence: "npm:@wix/auto_sdk_flows_runs@1.0.5/build/es/src/flows-v1-run-runs.public.d.ts",
		}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := ExtractSDK(os.DirFS("testdata/npm"), tc.pkg)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Warnings) != 0 {
				t.Errorf("warnings: %v", res.Warnings)
			}
			if len(res.Read) != 1 || res.Read[0].Name+"@"+res.Read[0].Version != tc.read {
				t.Errorf("read %+v, want %s", res.Read, tc.read)
			}
			var got []want
			for _, e := range res.Events {
				if e.Package != tc.pkg || e.ImportPath != tc.pkg {
					t.Errorf("%s: package %q import path %q", e.Export, e.Package, e.ImportPath)
				}
				got = append(got, want{
					export: e.Export, eventType: e.EventType, payload: e.PayloadType, desc: e.Description, evidence: e.Evidence,
					fields: len(e.PayloadFields), scopes: e.PermissionScopes, deprecated: e.Deprecated, replacedBy: e.ReplacedBy,
				})
			}
			// One namespace per fixture except flows, whose second
			// namespace re-exports the same module: both carry it.
			if tc.pkg == "@wix/flows" {
				if len(got) != 2 || res.Events[0].Namespace != "quietRuns" || res.Events[1].Namespace != "runs" {
					t.Fatalf("events %+v", res.Events)
				}
				got = got[1:]
			}
			if !reflect.DeepEqual(got, tc.events) {
				t.Errorf("events\n%+v\nwant\n%+v", got, tc.events)
			}
		})
	}
}

// npm nests a dependency under the package that needs another version than
// the hoisted one; the extractor must read the copy Node would load.
func TestExtractSDKNestedInstall(t *testing.T) {
	res, err := ExtractSDK(os.DirFS("testdata/npm"), "@wix/nested")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Read) != 1 || res.Read[0].Version != "1.0.2" || res.Read[0].Dir != "@wix/nested/node_modules/@wix/auto_sdk_nested_items" {
		t.Errorf("read %+v, want the nested 1.0.2", res.Read)
	}
	var names []string
	for _, e := range res.Events {
		names = append(names, e.Export)
	}
	if !reflect.DeepEqual(names, []string{"onItemArchived", "onItemCreated"}) {
		t.Errorf("events %v", names)
	}
}

func TestResolvePackage(t *testing.T) {
	fsys := fstest.MapFS{
		"node_modules/@wix/a/package.json":                               {Data: []byte(`{}`)},
		"node_modules/@wix/b/package.json":                               {Data: []byte(`{}`)},
		"node_modules/@wix/a/node_modules/@wix/b/package.json":           {Data: []byte(`{}`)},
		"apps/x/node_modules/@wix/c/package.json":                        {Data: []byte(`{}`)},
		"node_modules/.pnpm/@wix+c@1/node_modules/@wix/c/package.json":   {Data: []byte(`{}`)},
		"node_modules/.pnpm/@wix+c@1/node_modules/@wix/dep/package.json": {Data: []byte(`{}`)},
		"node_modules/@wix/nopj/index.d.ts":                              {Data: []byte(``)},
	}
	for _, tc := range []struct{ from, mod, want string }{
		{"node_modules/@wix/a", "@wix/b", "node_modules/@wix/a/node_modules/@wix/b"},                                         // nested first
		{"node_modules/@wix/c", "@wix/b", "node_modules/@wix/b"},                                                             // hoisted
		{"apps/x", "@wix/c", "apps/x/node_modules/@wix/c"},                                                                   // the app's own
		{"apps/x", "@wix/a", "node_modules/@wix/a"},                                                                          // the workspace root's
		{"node_modules/.pnpm/@wix+c@1/node_modules/@wix/c", "@wix/dep", "node_modules/.pnpm/@wix+c@1/node_modules/@wix/dep"}, // pnpm sibling
		{"apps/x", "@wix/nopj", ""},
		{"apps/x", "@wix/none", ""},
	} {
		if got := ResolvePackage(fsys, tc.from, tc.mod); got != tc.want {
			t.Errorf("ResolvePackage(%s, %s) = %q, want %q", tc.from, tc.mod, got, tc.want)
		}
	}
}
