package extract

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// A made-up package in the new SDK layout: the top-level package pairs
// namespaces with implementation packages; "gadgets" splits its
// declarations into a chunk file, "broken" names a package that is not
// installed.
var methodsFS = fstest.MapFS{
	"@wix/shop/package.json": {Data: []byte(`{"version":"1.2.3","exports":{".":{"types":"./build/es/index.d.mts"}}}`)},
	"@wix/shop/build/es/index.d.mts": {Data: []byte(`import * as sdk_widgets from '@wix/auto_sdk_shop_widgets';
import * as sdk_gadgets from '@wix/auto_sdk_shop_gadgets';
import * as sdk_broken from '@wix/auto_sdk_shop_broken';
export { sdk_widgets as widgets, sdk_gadgets as gadgets, sdk_broken as broken };
`)},
	"@wix/auto_sdk_shop_widgets/package.json": {Data: []byte(`{"version":"1.0.7","exports":{".":{"types":"./build/es/index.d.mts"}}}`)},
	"@wix/auto_sdk_shop_widgets/build/es/index.d.mts": {Data: []byte(`import { Widget } from './index.typings.mjs';
declare function getWidget$1(httpClient: HttpClient): GetWidgetSignature;
declare const getWidget: MaybeContext<BuildRESTFunction<typeof getWidget$1> & typeof getWidget$1>;
declare const listWidgets: MaybeContext<BuildRESTFunction<typeof listWidgets$1> & typeof listWidgets$1>;
export { Widget, getWidget, listWidgets, findWidgets, rateWidget, onWidgetCreated, secretWidget, plainWidget };
`)},
	"@wix/auto_sdk_shop_widgets/build/es/index.typings.d.mts": {Data: []byte(`interface Widget { _id?: string; }
/**
 * Retrieves a widget.
 * @param widgetId - ID of the widget.
 * @public
 * @permissionId SHOP.WIDGET_READ
 * @applicableIdentity APP
 * @fqn shop.widgets.v1.Widgets.GetWidget
 */
declare function getWidget(widgetId: string): Promise<Widget>;
/**
 * Lists widgets; members may list their own.
 * @permissionId SHOP.WIDGET_READ
 * @permissionId SHOP.WIDGET_LIST
 * @applicableIdentity APP
 * @applicableIdentity MEMBER
 */
declare function listWidgets(options?: ListOptions): Promise<Widget[]>;
declare function findWidgets(collection: string): WidgetQuery;
/**
 * Finds widgets with a full request.
 * @applicableIdentity APP
 */
declare function findWidgets(collection: string, request: FindRequest): Promise<Widget[]>;
/**
 * Rates a widget. Anyone may.
 * @permissionId SHOP.WIDGET_RATE
 */
declare function rateWidget(widgetId: string, stars: number): Promise<void>;
/**
 * @permissionId SHOP.WIDGET_READ
 * @webhook
 */
declare function onWidgetCreated(handler: (event: WidgetCreatedEnvelope) => void | Promise<void>): void;
/**
 * @permissionId SHOP.SECRET
 * @applicableIdentity APP
 * @deprecated use getWidget
 * @internal
 */
declare function secretWidget(): Promise<void>;
declare function plainWidget(): void;
/**
 * Not exported by the entry.
 * @applicableIdentity APP
 */
declare function unexportedWidget(): void;
export { getWidget, listWidgets, findWidgets, rateWidget, onWidgetCreated, secretWidget, plainWidget, unexportedWidget };
`)},
	"@wix/auto_sdk_shop_gadgets/package.json": {Data: []byte(`{"version":"2.0.0","exports":{".":{"types":"./build/es/index.d.mts"}}}`)},
	"@wix/auto_sdk_shop_gadgets/build/es/index.d.mts": {Data: []byte(`export { g as gadgetCount } from './shop-gadgets.universal-Ab12.mjs';
`)},
	"@wix/auto_sdk_shop_gadgets/build/es/shop-gadgets.universal-Ab12.d.mts": {Data: []byte(`/**
 * Counts gadgets.
 * @permissionId SHOP.GADGET_READ
 * @applicableIdentity APP
 */
declare function gadgetCount(): Promise<number>;
export { gadgetCount as g };
`)},
}

func TestExtractMethods(t *testing.T) {
	res, err := ExtractMethods(methodsFS, "@wix/shop")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]catalog.Method{}
	for _, m := range res.Methods {
		got[m.Namespace+"."+m.Name] = m
	}
	const ev = "npm:@wix/auto_sdk_shop_widgets@1.0.7/build/es/index.typings.d.mts"
	want := map[string]catalog.Method{
		"widgets.getWidget": {Package: "@wix/shop", Namespace: "widgets", Name: "getWidget",
			Permissions: []string{"SHOP.WIDGET_READ"}, Identities: []string{"APP"}, Evidence: ev},
		"widgets.listWidgets": {Package: "@wix/shop", Namespace: "widgets", Name: "listWidgets",
			Permissions: []string{"SHOP.WIDGET_READ", "SHOP.WIDGET_LIST"}, Identities: []string{"APP", "MEMBER"}, Evidence: ev},
		// One overload states APP, the other nothing: no identity kept.
		"widgets.findWidgets": {Package: "@wix/shop", Namespace: "widgets", Name: "findWidgets", Overloaded: true, Evidence: ev},
		"widgets.rateWidget": {Package: "@wix/shop", Namespace: "widgets", Name: "rateWidget",
			Permissions: []string{"SHOP.WIDGET_RATE"}, Evidence: ev},
		"widgets.secretWidget": {Package: "@wix/shop", Namespace: "widgets", Name: "secretWidget",
			Permissions: []string{"SHOP.SECRET"}, Identities: []string{"APP"}, Deprecated: true, Hidden: true, Evidence: ev},
		// A chunk file reached through the entry's relative re-export.
		"gadgets.gadgetCount": {Package: "@wix/shop", Namespace: "gadgets", Name: "gadgetCount",
			Permissions: []string{"SHOP.GADGET_READ"}, Identities: []string{"APP"},
			Evidence: "npm:@wix/auto_sdk_shop_gadgets@2.0.0/build/es/shop-gadgets.universal-Ab12.d.mts"},
	}
	if !reflect.DeepEqual(got, want) {
		for k, w := range want {
			if !reflect.DeepEqual(got[k], w) {
				t.Errorf("%s:\n got %+v\nwant %+v", k, got[k], w)
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("unexpected %s: %+v", k, got[k])
			}
		}
	}
	// The namespace whose package is missing costs a warning, not the package.
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "broken") {
		t.Errorf("warnings = %q", res.Warnings)
	}
	if len(res.Read) != 2 || res.Read[0].Name != "@wix/auto_sdk_shop_gadgets" {
		t.Errorf("read = %+v", res.Read)
	}
}

// MethodsFromFiles takes the same input as EventsFromFiles, and an
// unknown layout yields nothing rather than an error.
func TestMethodsFromFilesUnknownLayout(t *testing.T) {
	texts := map[string]string{
		"a.d.ts": "export const x: number;\n/** @applicableIdentity APP */\nexport const getThing: () => void;\n",
	}
	ms, warns := MethodsFromFiles(texts, []string{"a.d.ts"}, "npm:x@1/", "")
	if len(ms) != 0 || len(warns) != 0 {
		t.Errorf("methods %+v warnings %v", ms, warns)
	}
	if ms, _ := MethodsFromFiles(nil, nil, "", ""); ms != nil {
		t.Errorf("no files: %+v", ms)
	}
	// Old packages: undocumented in .public.d.ts, documented in .universal.d.ts.
	texts = map[string]string{
		"p.public.d.ts":    "export declare function getCoupon(id: string): Promise<C>;\n",
		"p.universal.d.ts": "/**\n * @permissionId COUPONS.MANAGE\n * @applicableIdentity APP\n */\nexport declare function getCoupon(id: string): Promise<C>;\n",
	}
	ms, _ = MethodsFromFiles(texts, []string{"p.public.d.ts", "p.universal.d.ts"}, "npm:o@1/", "")
	if len(ms) != 1 || ms[0].Overloaded || !reflect.DeepEqual(ms[0].Identities, []string{"APP"}) || ms[0].Evidence != "npm:o@1/p.universal.d.ts" {
		t.Errorf("old layout: %+v", ms)
	}
}
