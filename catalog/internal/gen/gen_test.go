package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/catalog/internal/extract"
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
	// v1 from corvid-types, deprecated by the package's own Events doc. The
	// v2 name wixDemo_onThingCreated is not derived: the event's page shows
	// wixDemoV2_onThingCreated, which contradicts it.
	h := c.Lookup("wixDemo_onThingCreated")
	if len(h) != 1 || h[0].Generation != catalog.V1 {
		t.Fatalf("wixDemo_onThingCreated = %+v", h)
	}
	v1 := h[0]
	if !v1.Deprecated || !strings.Contains(v1.DeprecationNote, "newer version is available") ||
		v1.DocsURL != "https://dev.wix.com/docs/velo/apis/wix-demo-backend/events/on-thing-created" ||
		v1.Evidence != "npm:corvid-types@0.4.16/types/common/wix-demo-backend.d.ts" || len(v1.PayloadFields) != 3 {
		t.Errorf("v1 = %+v", v1)
	}
	if len(rep.dropped) != 1 || rep.dropped[0].Name != "wixDemo_onThingCreated" || !strings.Contains(rep.dropped[0].Why, "wixDemoV2_onThingCreated") {
		t.Errorf("dropped = %+v", rep.dropped)
	}
	if old := c.Lookup("wixDemo_onOldThing"); len(old) != 1 || strings.HasPrefix(old[0].Description, "**Deprecated") {
		t.Errorf("onOldThing description keeps the deprecation banner: %+v", old)
	}
	// Derived under the second prefix where no page shows the event, with
	// the two-prefix note; borrowing the SDK event's payload.
	d := c.Lookup("wixDemo_onThingUpdated")
	if len(d) != 1 || !d[0].Derived || d[0].SDK != "@wix/demo things.onThingUpdated" || d[0].Note != "Two prefixes in the docs." {
		t.Errorf("derived = %+v", d)
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
	if rep.v2Confirmed != 1 || rep.v2Derived != 2 || rep.v2Modules["wix-demo.v2"] != [2]int{1, 2} || rep.v1Modules["wix-demo-backend"] != 3 || rep.sdkPackages["@wix/olddemo"] != [2]int{1, 1} {
		t.Errorf("report = %+v", rep)
	}
	if got := c.PrefixModules("wixDemo"); len(got) != 2 {
		// wix-demo-backend (v1) and wix-demo.v2 (the derived onThingUpdated).
		t.Errorf("wixDemo modules = %v", got)
	}
	// The evidence table: each confirmed name with its page, each derived
	// name with what it mirrors, each refused name with why.
	ev := string(evidence(rep))
	for _, want := range []string{
		"| `wixDemoV2_onThingCreated` | wix-demo.v2 | https://dev.wix.com/docs/velo/events-service-plugins/demo/events/on-thing-created.md |",
		"| `wixDemo_onThingUpdated` | wix-demo.v2 | @wix/demo things.onThingUpdated |",
		"| `wixDemo_onThingCreated` | wix-demo.v2 | the docs page of this event shows wixDemoV2_onThingCreated",
		"| wix-demo.v2 | `wixDemoV2_` `wixDemo_` | 1 | 2 |",
		// The closing note: the modules covered, and why a derived name is kept.
		"## Modules covered",
		"Velo v2 handler names for 1 modules: wix-demo.v2 (1 confirmed, 2 derived).",
		"| @wix/demo things.onThingUpdated | https://dev.wix.com/docs/velo/events-service-plugins/demo/events/on-thing-created.md | no dev.wix.com page showing this event's Velo name was found",
	} {
		if !strings.Contains(ev, want) {
			t.Errorf("evidence lacks %q:\n%s", want, ev)
		}
	}
	if strings.Contains(ev, "No Velo events page found") {
		t.Errorf("evidence names modules without pages, none declared:\n%s", ev)
	}
	// A module whose SDK events have no Velo page is named in the note.
	rep.noPages = []noPage{{Module: "wix-nopage.v2", Why: "no events page in the Velo docs"}}
	if ev := string(evidence(rep)); !strings.Contains(ev, "- wix-nopage.v2: no events page in the Velo docs\n") {
		t.Errorf("evidence lacks the module without pages:\n%s", ev)
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

// The derivation makes names only for events no page shows: not for events
// left off the module's menu page, nor for SDK exports that repeat their
// entity's name; and two confirmed names of one event both need a
// dev.wix.com page and name each other in their notes.
func TestBuildDerivationRules(t *testing.T) {
	t.Run("menu page lists the events", func(t *testing.T) {
		f, rep, err := fixture(t, func(ov *overlay) {
			ov.SDKPx.Map[1].Events = []string{"onThingCreated"}
			ov.SDKPx.Map[1].Menu = "https://dev.wix.com/docs/velo/events-service-plugins/demo.md"
		})
		if err != nil {
			t.Fatal(err)
		}
		c, _ := catalog.Parse(mustEncode(t, f))
		if h := c.Lookup("wixDemo_onThingUpdated"); len(h) != 0 {
			t.Errorf("an event the menu does not list was derived: %+v", h)
		}
		if h := c.Lookup("wixDemoV2_onThingUpdated"); len(h) != 1 || !h[0].Derived {
			t.Errorf("the other mapping has no menu and still derives: %+v", h)
		}
		var why []string
		for _, d := range rep.dropped {
			why = append(why, d.Name+": "+d.Why)
		}
		if !strings.Contains(strings.Join(why, "\n"), "wixDemo_onThingUpdated: not among the module's events on its menu page") {
			t.Errorf("dropped = %v", why)
		}
	})
	t.Run("menu event must exist", func(t *testing.T) {
		_, _, err := fixture(t, func(ov *overlay) {
			ov.SDKPx.Map[1].Events = []string{"onThingMoved"}
			ov.SDKPx.Map[1].Menu = "https://dev.wix.com/docs/velo/events-service-plugins/demo.md"
		})
		if err == nil || !strings.Contains(err.Error(), "onThingMoved is not an SDK export") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("two names on dev.wix.com", func(t *testing.T) {
		f, _, err := fixture(t, func(ov *overlay) {
			ov.V2.Handlers = append(ov.V2.Handlers, v2Handler{Name: "wixDemo_onThingCreated", Module: "wix-demo.v2", SeenOn: "https://dev.wix.com/docs/velo/api-reference/wix-demo-v2/events/on-thing-created"})
		})
		if err != nil {
			t.Fatal(err)
		}
		c, _ := catalog.Parse(mustEncode(t, f))
		a, b := c.Lookup("wixDemoV2_onThingCreated"), c.Lookup("wixDemo_onThingCreated")
		if len(a) != 1 || len(b) != 2 || b[1].Derived || b[1].Generation != catalog.V2 {
			t.Fatalf("both names: %+v %+v", a, b)
		}
		if !strings.Contains(a[0].Note, "wixDemo_onThingCreated") || !strings.Contains(b[1].Note, "wixDemoV2_onThingCreated") {
			t.Errorf("notes do not name the other: %q / %q", a[0].Note, b[1].Note)
		}
	})
	t.Run("explicit SDK link lends the payload", func(t *testing.T) {
		var ns string
		f, rep, err := fixture(t, func(ov *overlay) {
			ov.V2.Handlers = append(ov.V2.Handlers, v2Handler{Name: "wixOld_onCouponCreated", Module: "wix-old.v2",
				SeenOn: "https://dev.wix.com/docs/velo/events-service-plugins/old/events/on-coupon-created.md", SDK: "@wix/olddemo coupons.onCouponCreated"})
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range f.SDKEvents {
			if e.Export == "onCouponCreated" {
				ns = e.Namespace
				if h := findHandler(f, "wixOld_onCouponCreated"); h == nil || h.SDK != "@wix/olddemo "+ns+".onCouponCreated" ||
					h.EventType != e.EventType || h.PayloadType != e.PayloadType || len(h.PayloadFields) != len(e.PayloadFields) || h.Derived {
					t.Errorf("linked = %+v, SDK event %+v", h, e)
				}
			}
		}
		if ns != "coupons" || rep.v2Confirmed != 2 {
			t.Errorf("namespace %q, confirmed %d", ns, rep.v2Confirmed)
		}
		_, _, err = fixture(t, func(ov *overlay) {
			ov.V2.Handlers = append(ov.V2.Handlers, v2Handler{Name: "wixOld_onCouponCreated", Module: "wix-old.v2", SeenOn: "https://dev.wix.com/x", SDK: "@wix/olddemo coupons.onCouponMade"})
		})
		if err == nil || !strings.Contains(err.Error(), "is not an SDK event") {
			t.Errorf("unknown sdk: err = %v", err)
		}
	})
	t.Run("menu-listed event is derived", func(t *testing.T) {
		f, rep, err := fixture(t, func(ov *overlay) {
			ov.V2.Handlers = append(ov.V2.Handlers, v2Handler{Name: "wixDemoV2_onThingArchived", Module: "wix-demo.v2",
				SeenOn: "https://dev.wix.com/docs/velo/events-service-plugins/demo/events/on-thing-created.md", Menu: "https://dev.wix.com/docs/velo/events-service-plugins/demo.md"})
		})
		if err != nil {
			t.Fatal(err)
		}
		h := findHandler(f, "wixDemoV2_onThingArchived")
		if h == nil || !h.Derived || !strings.Contains(h.Evidence, "listed on https://dev.wix.com/docs/velo/events-service-plugins/demo.md") || rep.v2Confirmed != 1 || rep.v2Derived != 3 {
			t.Errorf("menu entry = %+v (confirmed %d, derived %d)", h, rep.v2Confirmed, rep.v2Derived)
		}
	})
	t.Run("a name seen only off dev.wix.com drops no derived name", func(t *testing.T) {
		f, _, err := fixture(t, func(ov *overlay) {
			ov.V2.Handlers[0].SeenOn = "https://www.wix.com/velo/reference/wix-demo-v2/events/onthingcreated"
		})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range f.Handlers {
			found = found || (h.Name == "wixDemo_onThingCreated" && h.Generation == catalog.V2 && h.Derived)
		}
		if !found {
			t.Error("derived wixDemo_onThingCreated was dropped by a name seen only on www.wix.com")
		}
	})
	t.Run("events a menu lists with no name read", func(t *testing.T) {
		const menu = "https://dev.wix.com/docs/velo/apis/wix-other-v2.md"
		f, _, err := fixture(t, func(ov *overlay) {
			ov.V2.Unread = []unreadMenu{
				// Named in wix-demo.v2 (derived): not unread there.
				{Module: "wix-demo.v2", Package: "@wix/demo", Namespace: "things", Menu: menu},
				{Module: "wix-other.v2", Package: "@wix/demo", Namespace: "things", Menu: menu},
				{Module: "wix-tags.v2", Events: []string{"onTagCreated"}, Menu: menu},
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range f.Unread {
			got = append(got, u.Module+" "+u.Event)
		}
		want := "wix-tags.v2 onTagCreated, wix-other.v2 onThingCreated, wix-other.v2 onThingUpdated"
		if strings.Join(got, ", ") != want {
			t.Errorf("unread = %v, want %s", got, want)
		}
		c, _ := catalog.Parse(mustEncode(t, f))
		if u := c.UnreadVelo("onTagCreated"); len(u) != 1 || u[0].Menu != menu {
			t.Errorf("decoded: %+v", u)
		}
	})
	for name, u := range map[string]unreadMenu{
		"menu not on dev.wix.com":  {Module: "wix-other.v2", Events: []string{"onX"}, Menu: "https://www.wix.com/velo/reference/x"},
		"no events":                {Module: "wix-other.v2", Menu: "https://dev.wix.com/docs/velo/x.md"},
		"not an event":             {Module: "wix-other.v2", Events: []string{"getThing"}, Menu: "https://dev.wix.com/docs/velo/x.md"},
		"namespace without events": {Module: "wix-other.v2", Package: "@wix/demo", Namespace: "quiet", Menu: "https://dev.wix.com/docs/velo/x.md"},
	} {
		t.Run("unread rejects "+name, func(t *testing.T) {
			_, _, err := fixture(t, func(ov *overlay) { ov.V2.Unread = []unreadMenu{u} })
			if err == nil || !strings.Contains(err.Error(), "unread wix-other.v2") {
				t.Errorf("err = %v", err)
			}
		})
	}
	t.Run("two names, one off dev.wix.com", func(t *testing.T) {
		_, _, err := fixture(t, func(ov *overlay) {
			ov.V2.Handlers = append(ov.V2.Handlers, v2Handler{Name: "wixDemo_onThingCreated", Module: "wix-demo.v2", SeenOn: "https://www.wix.com/velo/reference/wix-demo-v2/events/onthingcreated"})
		})
		if err == nil || !strings.Contains(err.Error(), "each needs a dev.wix.com page") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestDoubledEntity(t *testing.T) {
	ns := func(types ...string) []catalog.SDKEvent {
		var out []catalog.SDKEvent
		for _, ty := range types {
			out = append(out, catalog.SDKEvent{EventType: ty})
		}
		return out
	}
	forms := ns("wix.forms.v4.submission_created", "wix.forms.v4.submission_removed_submission_from_trash", "wix.forms.v4.submission_status_updated")
	media := ns("wix.media.site_media.v1.file_descriptor_file_ready", "wix.media.site_media.v1.file_descriptor_file_failed")
	orders := ns("wix.ecom.v1.order_created", "wix.ecom.v1.order_imported_order_deleted", "wix.ecom.v1.order_payment_status_updated")
	for _, tt := range []struct {
		evs  []catalog.SDKEvent
		i    int
		want string
	}{
		{forms, 1, "submission"},
		{forms, 0, ""},
		{forms, 2, ""},
		{media, 0, ""}, // entity file_descriptor: "file_ready" is no repeat
		{orders, 1, "order"},
		{orders, 2, ""},
		{ns("wix.events.ticketing.events.OrderConfirmed", "wix.events.ticketing.events.OrderDeleted"), 0, ""},
		{ns("wix.x.v1.thing_thing_made"), 0, ""}, // one event: no entity to compare
		// A repeat right after the entity is dropped by the SDK export already
		// (onGuestCheckedIn, onPlanArchived).
		{ns("wix.events.guests.v1.guest_created", "wix.events.guests.v1.guest_guest_checked_in"), 1, ""},
	} {
		if got := doubledEntity(&tt.evs[tt.i], tt.evs); got != tt.want {
			t.Errorf("doubledEntity(%s) = %q, want %q", tt.evs[tt.i].EventType, got, tt.want)
		}
	}
}

// TestSkipDerivedMenuListed: an SDK export that repeats its entity is not
// derived unless the module's menu page lists it by that name (the Velo
// business tools menu lists onLocationSetDefaultLocation).
func TestSkipDerivedMenuListed(t *testing.T) {
	evs := []catalog.SDKEvent{
		{Export: "onLocationCreated", EventType: "wix.locations.v1.location_created"},
		{Export: "onLocationSetDefaultLocation", EventType: "wix.locations.v1.location_set_default_location"},
	}
	m := sdkPrefix{Prefix: "wixLocations"}
	if why := skipDerived(m, &evs[1], evs, nil); !strings.Contains(why, "repeats its entity") {
		t.Errorf("no menu: why = %q, want the repeated-entity reason", why)
	}
	m.Events = []string{"onLocationCreated", "onLocationSetDefaultLocation"}
	m.Menu = "https://dev.wix.com/docs/velo/events-service-plugins/business-tools.md"
	if why := skipDerived(m, &evs[1], evs, nil); why != "" {
		t.Errorf("menu lists it: why = %q, want derived", why)
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
		if got := catalog.DocsSlug(in); got != want {
			t.Errorf("catalog.DocsSlug(%s) = %s, want %s", in, got, want)
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

func findHandler(f *catalog.File, name string) *catalog.Handler {
	for _, h := range f.Handlers {
		if h.Name == name {
			return h
		}
	}
	return nil
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

// A page note says what a derived name's own page showed: it goes into the
// handler's note (hover) and the evidence file's why; only derived names
// take one.
func TestPageNotes(t *testing.T) {
	const page = "https://dev.wix.com/docs/velo/api-reference/wix-demo-v2/events/on-thing-updated"
	f, rep, err := fixture(t, func(ov *overlay) {
		ov.V2.PageNotes = []pageNote{{Name: "wixDemoV2_onThingUpdated", Page: page, Why: "the stored copy has the example stripped"}}
	})
	if err != nil {
		t.Fatal(err)
	}
	h := findHandler(f, "wixDemoV2_onThingUpdated")
	if h == nil || !h.Derived || !strings.Contains(h.Note, "the stored copy has the example stripped ("+page+")") {
		t.Errorf("handler = %+v", h)
	}
	if why := rep.derivedWhyOf(h); !strings.HasPrefix(why, "its page exists but shows no name for it: ") {
		t.Errorf("why = %q", why)
	}
	for name, n := range map[string]pageNote{
		"confirmed": {Name: "wixDemo_onThingCreated", Page: page, Why: "x"},
		"unknown":   {Name: "wixDemo_onNothing", Page: page, Why: "x"},
		"off-site":  {Name: "wixDemoV2_onThingUpdated", Page: "https://www.wix.com/velo/x", Why: "x"},
		"no why":    {Name: "wixDemoV2_onThingUpdated", Page: page},
	} {
		if _, _, err := fixture(t, func(ov *overlay) { ov.V2.PageNotes = []pageNote{n} }); err == nil || !strings.Contains(err.Error(), "pageNotes") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

// A field a docs page shows delivered is added to its v1 type as optional,
// after the declared ones; a wrong entry is refused.
func TestAddPayloadFields(t *testing.T) {
	graph := func() *extract.Graph {
		return &extract.Graph{Nodes: []*extract.Node{{Name: "CartRecoveredEvent", Kind: extract.KindObject,
			Fields: []extract.NodeField{{Name: "abandonedTime"}, {Name: "cartId"}}}}}
	}
	x := payloadField{Module: "wix-stores-backend", Type: "CartRecoveredEvent", Name: "abandonTime", Prim: "string",
		Docs: "https://www.wix.com/velo/reference/wix-stores-backend/events/oncartrecovered", Why: "shown"}
	g := graph()
	if err := addPayloadFields(g, "wix-stores-backend", []payloadField{x}); err != nil {
		t.Fatal(err)
	}
	fs := g.Nodes[0].Fields
	if len(fs) != 3 || fs[2].Name != "abandonTime" || !fs[2].Optional || fs[2].Type.Prim != "string" || !strings.Contains(fs[2].Doc, x.Docs) {
		t.Errorf("fields = %+v", fs)
	}
	if err := addPayloadFields(graph(), "wix-crm-backend", []payloadField{x}); err != nil {
		t.Errorf("another module's entry: %v", err)
	}
	for name, bad := range map[string]payloadField{
		"unknown type": {Module: x.Module, Type: "Nope", Name: "a", Prim: "string", Docs: x.Docs, Why: "w"},
		"declared":     {Module: x.Module, Type: x.Type, Name: "cartId", Prim: "string", Docs: x.Docs, Why: "w"},
		"no docs":      {Module: x.Module, Type: x.Type, Name: "b", Prim: "string", Why: "w"},
	} {
		if err := addPayloadFields(graph(), x.Module, []payloadField{bad}); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
