package catalog

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

func TestLookup(t *testing.T) {
	c := Default()
	tests := []struct {
		name string
		want []string // "module generation" of each entry, in order
	}{
		{"wixCrm_onContactCreated", []string{"wix-crm-backend v1", "wix-crm.v2 v2"}},
		{"wixMembers_onMemberCreated", []string{"wix-members-backend v1", "wix-members.v2 v2"}},
		{"wixPricingPlans_onOrderCreated", []string{"wix-pricing-plans-backend v1", "wix-pricing-plans.v2 v2"}},
		{"wixBilling_onInvoicePaid", []string{"wix-billing-backend v1"}},
		{"wixEcom_onCartCreated", []string{"wix-ecom-backend v2"}},
		{"wixMediaManager_onFileUploaded", []string{"wix-media-backend v1"}},
		{"wixbilling_oninvoicepaid", nil}, // exact only
		{"wixBilling", nil},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range c.Lookup(tt.name) {
			got = append(got, h.Module+" "+string(h.Generation))
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Lookup(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
	v1 := c.Lookup("wixCrm_onContactCreated")[0]
	if v1.PayloadType != "Events.ContactCreatedEvent" || len(v1.PayloadFields) == 0 || v1.Evidence != "npm:corvid-types@0.4.16/types/common/wix-crm-backend.d.ts" {
		t.Errorf("v1 entry = %+v", v1)
	}
	v2 := c.Lookup("wixCrm_onContactCreated")[1]
	if v2.EventType != "wix.contacts.v4.contact_created" || v2.SDK != "@wix/crm contacts.onContactCreated" || v2.Derived {
		t.Errorf("v2 entry = %+v", v2)
	}
	// Lookup returns a copy of the slice: appending to it must not leak.
	hs := c.Lookup("wixBilling_onInvoicePaid")
	_ = append(hs[:0], &Handler{Name: "x"})
	if c.Lookup("wixBilling_onInvoicePaid")[0].Name != "wixBilling_onInvoicePaid" {
		t.Error("Lookup exposes its internal slice")
	}
}

func TestCompleteRanking(t *testing.T) {
	c := Default()
	names := func(hs []*Handler) []string {
		var out []string
		for _, h := range hs {
			out = append(out, h.Name)
		}
		return out
	}

	// Exact-case prefix matches, non-deprecated first, then by name.
	got := c.Complete("wixStores_on", 0)
	if len(got) != 20 {
		t.Fatalf("Complete(wixStores_on) = %d entries, want the 20 wix-stores-backend events", len(got))
	}
	seenDeprecated := false
	for i, h := range got {
		if h.Deprecated {
			seenDeprecated = true
		} else if seenDeprecated {
			t.Errorf("non-deprecated %s ranked after a deprecated entry", h.Name)
		}
		if i > 0 && got[i-1].Deprecated == h.Deprecated && got[i-1].Name > h.Name {
			t.Errorf("%s before %s: not sorted by name", got[i-1].Name, h.Name)
		}
	}
	if !got[len(got)-1].Deprecated || got[0].Deprecated {
		t.Errorf("deprecated entries not last: %v", names(got))
	}

	// Match quality beats deprecation: a case-insensitive prefix ranks after
	// exact-case ones, subword matches after those, substrings last.
	got = c.Complete("onInvoicePaid", 0)
	if len(got) != 1 || got[0].Name != "wixBilling_onInvoicePaid" {
		t.Errorf("Complete(onInvoicePaid) = %v", names(got))
	}
	got = c.Complete("WIXBILLING_", 3)
	if len(got) != 3 || got[0].Prefix != "wixBilling" {
		t.Errorf("Complete(WIXBILLING_) = %v", names(got))
	}
	got = c.Complete("paid", 0) // subword (…_onOrderPaid, …InvoicePaid) before substring (wixPaidPlans, wixPricingPlans_onOrderMarkedAsPaid is subword too)
	tiers := map[string]int{}
	for i, h := range got {
		tiers[h.Name] = i
	}
	if tiers["wixBilling_onInvoicePaid"] > tiers["wixPaidPlans_onPlanPurchased"] {
		// wixPaidPlans_… matches as a subword too (the "Paid" hump): both are tier 2; order by deprecation then name.
		t.Logf("order: %v", names(got))
	}
	for _, h := range got {
		if !strings.Contains(strings.ToLower(h.Name), "paid") {
			t.Errorf("Complete(paid) returned %s", h.Name)
		}
	}

	// One entry per name, preferring the non-deprecated, then v2 entry.
	counts := map[string]int{}
	for _, h := range c.Complete("wix", 0) {
		counts[h.Name]++
	}
	for n, k := range counts {
		if k != 1 {
			t.Errorf("%s listed %d times", n, k)
		}
	}
	for _, tc := range []struct {
		name string
		gen  Generation
	}{
		{"wixCrm_onContactCreated", V2},    // both current: v2
		{"wixMembers_onMemberCreated", V2}, // v1 deprecated
		{"wixBilling_onInvoicePaid", V1},   // v1 only
		{"wixStores_onOrderPaid", V1},      // deprecated, only entry
		{"wixPricingPlans_onPlanCreated", V2},
	} {
		hs := c.Complete(tc.name, 1)
		if len(hs) != 1 || hs[0].Name != tc.name || hs[0].Generation != tc.gen {
			t.Errorf("Complete(%s, 1) = %+v, want its %s entry", tc.name, hs, tc.gen)
		}
	}

	// Limits and the empty prefix.
	if got := c.Complete("wix", 5); len(got) != 5 {
		t.Errorf("limit 5 gave %d", len(got))
	}
	if got, all := c.Complete("", 0), len(counts); len(got) < all {
		t.Errorf("Complete(\"\") = %d names, want all %d", len(got), all)
	}
	if got := c.Complete("zzzzqqq", 10); len(got) != 0 {
		t.Errorf("Complete(zzzzqqq) = %v", names(got))
	}
	// A limit must not change which entries come first.
	full := c.Complete("on", 0)
	for _, lim := range []int{1, 7, 40} {
		part := c.Complete("on", lim)
		for i := range part {
			if part[i] != full[i] {
				t.Fatalf("Complete(on, %d)[%d] = %s, unlimited has %s", lim, i, part[i].Name, full[i].Name)
			}
		}
	}
}

func TestSuggest(t *testing.T) {
	c := Default()
	tests := []struct {
		in, want, reason string
	}{
		{"wixBiling_onInvoicePaid", "wixBilling_onInvoicePaid", ReasonSpelling},
		{"wixBilling_onInvociePaid", "wixBilling_onInvoicePaid", ReasonSpelling},
		{"wixBookings_onBookingCancelled", "wixBookings_onBookingCanceled", ReasonBritish},
		{"wixEvents_onEventCancelled", "wixEvents_onEventCanceled", ReasonBritish},
		{"members_onMemberCreated", "wixMembers_onMemberCreated", ReasonWrongPrefix},
		{"Members_onMemberCreated", "wixMembers_onMemberCreated", ReasonWrongPrefix},
		{"onInvoicePaid", "wixBilling_onInvoicePaid", ReasonMissingPrefix},
		{"wixCrm_onInvoicePaid", "wixBilling_onInvoicePaid", ReasonWrongPrefix},
		{"wixbilling_oninvoicepaid", "wixBilling_onInvoicePaid", ReasonCase},
		{"WixBilling_OnInvoicePaid", "wixBilling_onInvoicePaid", ReasonCase},
		{"wixMediaManager_onFileUpload", "wixMediaManager_onFileUploaded", ReasonSpelling},
		{"wixMedia_onFileUploaded", "wixMediaManager_onFileUploaded", ReasonWrongPrefix},
		// A changed ending is one typo, however long (seen on a real site).
		{"wixCrm_onFormSubmitted", "wixCrm_onFormSubmit", ReasonSpelling},
	}
	for _, tt := range tests {
		got := c.Suggest(tt.in, 5)
		if len(got) == 0 {
			t.Errorf("Suggest(%q) = nothing, want %s", tt.in, tt.want)
			continue
		}
		if got[0].Name != tt.want || got[0].Reason != tt.reason {
			t.Errorf("Suggest(%q)[0] = %s (%s), want %s (%s); all: %v", tt.in, got[0].Name, got[0].Reason, tt.want, tt.reason, got)
		}
		if len(got[0].Handlers) == 0 || got[0].Handlers[0].Name != tt.want {
			t.Errorf("Suggest(%q)[0].Handlers = %v", tt.in, got[0].Handlers)
		}
	}
	for _, known := range []string{"wixBilling_onInvoicePaid", "wixCrm_onContactCreated"} {
		if got := c.Suggest(known, 5); got != nil {
			t.Errorf("Suggest(%q) for a known name = %v", known, got)
		}
	}
	for _, junk := range []string{"", "x", "fooBar_bazQux", "myHelperFunction", "Items_beforeInsert"} {
		if got := c.Suggest(junk, 5); len(got) != 0 {
			t.Errorf("Suggest(%q) = %v, want nothing", junk, got)
		}
	}
	// An event under several prefixes: the closest prefix first.
	got := c.Suggest("wixPricingPlan_onOrderCreated", 3)
	if len(got) == 0 || got[0].Name != "wixPricingPlans_onOrderCreated" {
		t.Errorf("Suggest(wixPricingPlan_onOrderCreated) = %v", got)
	}
	if got := c.Suggest("onOrderCreated", 0); len(got) < 2 {
		t.Errorf("Suggest(onOrderCreated) = %v, want every module's onOrderCreated", got)
	}
	if got := c.Suggest("onOrderCreated", 1); len(got) != 1 {
		t.Errorf("limit ignored: %v", got)
	}
}

func TestSDKLookups(t *testing.T) {
	c := Default()
	e := c.SDK("@wix/crm", "contacts", "onContactCreated")
	if e == nil {
		t.Fatal("@wix/crm contacts.onContactCreated missing")
	}
	if e.EventType != "wix.contacts.v4.contact_created" || e.PayloadType != "ContactCreatedEnvelope" || e.ImportPath != "@wix/crm" ||
		len(e.PermissionScopes) == 0 || len(e.PermissionScopes) != len(e.PermissionScopeIDs) || !strings.HasPrefix(e.Evidence, "npm:@wix/auto_sdk_crm_contacts@") {
		t.Errorf("contacts.onContactCreated = %+v", e)
	}
	if c.SDK("@wix/crm", "contacts", "onNothing") != nil || c.SDK("@wix/nope", "contacts", "onContactCreated") != nil {
		t.Error("SDK found an unknown event")
	}
	// Old-style package (no exports map) and the data.items namespace from @wix/wix-data-items-sdk.
	if e := c.SDK("@wix/marketing", "coupons", "onCouponCreated"); e == nil || e.EventType != "wix.ecommerce.coupons.v2.coupon_created" {
		t.Errorf("@wix/marketing coupons.onCouponCreated = %+v", e)
	}
	if ns := c.SDKNamespaces("@wix/data"); !contains(ns, "items") {
		t.Errorf("@wix/data namespaces = %v, want items", ns)
	}
	// Deprecation tags.
	if e := c.SDK("@wix/pricing-plans", "plans", "onPlanUpdated"); e == nil || !e.Deprecated || e.ReplacedBy != "wix.pricing_plans.v3.plan_updated" || e.TargetRemovalDate != "2025-12-31" {
		t.Errorf("pricing-plans plans.onPlanUpdated = %+v", e)
	}
	// Shared event types.
	shared := c.SDKByEventType("wix.ecom.v1.cart_created")
	var keys []string
	for _, e := range shared {
		keys = append(keys, e.Namespace+"."+e.Export)
	}
	if !contains(keys, "cart.onCartCreated") || !contains(keys, "currentCart.onCartCreated") {
		t.Errorf("SDKByEventType(cart_created) = %v", keys)
	}
	// Export names repeat across packages.
	var where []string
	for _, e := range c.FindSDKExport("onOrderCreated") {
		where = append(where, e.Package+" "+e.Namespace)
	}
	if !contains(where, "@wix/ecom orders") || !contains(where, "@wix/pricing-plans orders") {
		t.Errorf("FindSDKExport(onOrderCreated) = %v", where)
	}
	if got := c.FindSDKExport("onContactCreated"); len(got) == 0 || got[0].Package != "@wix/crm" {
		t.Errorf("FindSDKExport(onContactCreated) = %v", got)
	}
	// Namespaces and packages are sorted.
	if p := c.SDKPackages(); len(p) < 38 || !sort.StringsAreSorted(p) {
		t.Errorf("SDKPackages = %v", p)
	}
	for _, p := range c.SDKPackages() {
		if ns := c.SDKNamespaces(p); len(ns) == 0 || !sort.StringsAreSorted(ns) {
			t.Errorf("SDKNamespaces(%s) = %v", p, ns)
		}
	}
}

func TestSuggestSDK(t *testing.T) {
	c := Default()
	tests := []struct {
		pkg, ns, export string
		want            string // package namespace.export of the first answer
	}{
		{"@wix/crm", "contact", "onContactCreated", "@wix/crm contacts.onContactCreated"},
		{"@wix/crm", "Contacts", "onContactCreated", "@wix/crm contacts.onContactCreated"},
		{"@wix/crm", "contacts", "onContactCreatd", "@wix/crm contacts.onContactCreated"},
		{"@wix/crm", "contacts", "onContactCreate", "@wix/crm contacts.onContactCreated"},
		{"@wix/ecom", "orders", "onContactCreated", "@wix/crm contacts.onContactCreated"},
		{"@wix/bookings", "bookings", "onBookingCancelled", "@wix/bookings bookings.onBookingCanceled"},
		{"@wix/ecom", "order", "", "@wix/ecom orders.onOrderApproved"},
	}
	for _, tt := range tests {
		got := c.SuggestSDK(tt.pkg, tt.ns, tt.export, 3)
		if len(got) == 0 {
			t.Errorf("SuggestSDK(%s, %s, %s) = nothing", tt.pkg, tt.ns, tt.export)
			continue
		}
		if s := got[0].Package + " " + got[0].Namespace + "." + got[0].Export; s != tt.want {
			t.Errorf("SuggestSDK(%s, %s, %s)[0] = %s, want %s", tt.pkg, tt.ns, tt.export, s, tt.want)
		}
	}
	if got := c.SuggestSDK("@wix/crm", "contacts", "onContactCreated", 3); got != nil {
		t.Errorf("SuggestSDK for a known event = %v", got)
	}
}

func TestWith(t *testing.T) {
	base := Default()
	var cfg struct {
		Catalog Extra `json:"catalog"`
	}
	const wixEventsJSON = `{"catalog": {
		"handlers": [
			{"name": "wixFoo_onBarCreated", "module": "wix-foo.v2", "docsUrl": "https://dev.wix.com/docs/velo/x"},
			{"name": "wixBilling_onInvoicePaid", "generation": "v1", "module": "wix-billing-backend", "description": "overridden"}
		],
		"sdkEvents": [
			{"package": "@wix/foo", "namespace": "bars", "export": "onBarCreated", "eventType": "wix.foo.v1.bar_created"}
		]}}`
	if err := json.Unmarshal([]byte(wixEventsJSON), &cfg); err != nil {
		t.Fatal(err)
	}
	c, err := base.With(cfg.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	hs := c.Lookup("wixFoo_onBarCreated")
	if len(hs) != 1 {
		t.Fatalf("added handler: %v", hs)
	}
	h := hs[0]
	if h.Prefix != "wixFoo" || h.Event != "onBarCreated" || h.Generation != V2 || h.Evidence != "user" {
		t.Errorf("added handler = %+v", h)
	}
	if !contains(c.Prefixes(), "wixFoo") || !contains(c.PrefixModules("wixFoo"), "wix-foo.v2") {
		t.Error("added prefix missing")
	}
	if got := c.Complete("wixFoo", 0); len(got) != 1 {
		t.Errorf("Complete on the new catalog = %v", got)
	}
	if got := c.Suggest("wixFoo_onBarCreatd", 1); len(got) != 1 || got[0].Name != "wixFoo_onBarCreated" {
		t.Errorf("Suggest on the new catalog = %v", got)
	}
	if got := c.Lookup("wixBilling_onInvoicePaid"); len(got) != 1 || got[0].Description != "overridden" {
		t.Errorf("override: %+v", got)
	}
	e := c.SDK("@wix/foo", "bars", "onBarCreated")
	if e == nil || e.ImportPath != "@wix/foo" || e.Evidence != "user" || len(c.SDKByEventType("wix.foo.v1.bar_created")) != 1 {
		t.Errorf("added SDK event = %+v", e)
	}
	// The original is untouched.
	if base.Lookup("wixFoo_onBarCreated") != nil || base.SDK("@wix/foo", "bars", "onBarCreated") != nil ||
		base.Lookup("wixBilling_onInvoicePaid")[0].Description == "overridden" || contains(base.Prefixes(), "wixFoo") {
		t.Error("With modified the receiver")
	}
	if len(c.Handlers()) != len(base.Handlers())+1 || len(c.AllSDKEvents()) != len(base.AllSDKEvents())+1 {
		t.Errorf("sizes: %d/%d handlers, %d/%d SDK", len(c.Handlers()), len(base.Handlers()), len(c.AllSDKEvents()), len(base.AllSDKEvents()))
	}
	if same, err := base.With(Extra{}); err != nil || same != base {
		t.Errorf("With(empty) = %p, %v", same, err)
	}

	bad := []struct {
		extra Extra
		want  string
	}{
		{Extra{Handlers: []Handler{{Name: "noUnderscore"}}}, "handlers[0]"},
		{Extra{Handlers: []Handler{{Name: "_onX"}}}, "modulePrefix"},
		{Extra{Handlers: []Handler{{Name: "wixA_"}}}, "modulePrefix"},
		{Extra{Handlers: []Handler{{Name: "wixA_on-X"}}}, "identifier"},
		{Extra{Handlers: []Handler{{Name: "wixA_onX", Prefix: "wixB"}}}, "prefix"},
		{Extra{Handlers: []Handler{{Name: "wixA_onX", Event: "onY"}}}, "event"},
		{Extra{Handlers: []Handler{{Name: "wixA_onX", Generation: "v3"}}}, "generation"},
		{Extra{SDKEvents: []SDKEvent{{Package: "@wix/foo", Namespace: "bars"}}}, "missing export"},
		{Extra{SDKEvents: []SDKEvent{{Export: "onX"}}}, "missing package, namespace"},
		{Extra{Handlers: []Handler{{Name: "ok_onX"}, {Name: "bad"}}, SDKEvents: []SDKEvent{{}}}, "sdkEvents[0]"},
	}
	for _, tt := range bad {
		_, err := base.With(tt.extra)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("With(%+v) error = %v, want one mentioning %q", tt.extra, err, tt.want)
		}
	}
}

// Invariants over the whole generated catalog.
func TestInvariants(t *testing.T) {
	c := Default()
	// DocsURLs outside dev.wix.com/docs are allowed only here, each because
	// no dev.wix.com page for it was confirmed (see overlay/*.json).
	allowedNonDevDocs := map[string]string{
		"wixPaidPlans_onPlanPurchased":        "https://www.wix.com/corvid/reference/wix-paid-plans-backend.Events.html",
		"wixEcom_onOrderUpdated":              "https://wix.com/velo/reference/wix-ecom-backend/events/onorderupdated",
		"wixPricingPlans_onPlanCreated":       "https://www.wix.com/velo/reference/wix-pricing-plans-v2/events/onplancreated",
		"wixBookings_onBookingCreated":        "https://www.wix.com/velo/reference/wix-bookings-v2/events/onbookingcreated",
		"wixStoresCatalogV1_onProductDeleted": "https://wix.com/velo/reference/wix-stores-v2",
	}
	type key struct {
		name string
		gen  Generation
	}
	seen := map[key]bool{}
	hs := c.Handlers()
	for i, h := range hs {
		k := key{h.Name, h.Generation}
		if seen[k] {
			t.Errorf("duplicate %s %s", h.Name, h.Generation)
		}
		seen[k] = true
		if i > 0 && (hs[i-1].Name > h.Name || (hs[i-1].Name == h.Name && hs[i-1].Generation > h.Generation)) {
			t.Errorf("Handlers not sorted at %s", h.Name)
		}
		if h.Generation != V1 && h.Generation != V2 {
			t.Errorf("%s: generation %q", h.Name, h.Generation)
		}
		if h.Name != h.Prefix+"_"+h.Event || !strings.HasPrefix(h.Event, "on") {
			t.Errorf("%s: prefix %q event %q", h.Name, h.Prefix, h.Event)
		}
		if !contains(c.Prefixes(), h.Prefix) || !contains(c.PrefixModules(h.Prefix), h.Module) {
			t.Errorf("%s: prefix %s / module %s not in the prefix table", h.Name, h.Prefix, h.Module)
		}
		if !strings.HasPrefix(h.DocsURL, "https://dev.wix.com/docs/") && allowedNonDevDocs[h.Name] != h.DocsURL {
			t.Errorf("%s: docs URL %q is not a dev.wix.com/docs page", h.Name, h.DocsURL)
		}
		if h.Deprecated && h.DeprecationNote == "" {
			t.Errorf("%s: deprecated without a note", h.Name)
		}
		if h.ReplacedBy != "" && len(c.Lookup(h.ReplacedBy)) == 0 {
			t.Errorf("%s: replacedBy %s unknown", h.Name, h.ReplacedBy)
		}
		if h.RemovalDate != "" && (len(h.RemovalDate) != 10 || h.RemovalDate[4] != '-' || h.RemovalDate[7] != '-') {
			t.Errorf("%s: removal date %q", h.Name, h.RemovalDate)
		}
		switch {
		case h.Evidence == "":
			t.Errorf("%s: no evidence", h.Name)
		case h.Generation == V1 && !strings.HasPrefix(h.Evidence, "npm:corvid-types@0.4.16/types/common/"+h.Module+".d.ts"):
			t.Errorf("%s: v1 evidence %q", h.Name, h.Evidence)
		case h.Generation == V2 && !h.Derived && !strings.Contains(h.Evidence, "wix.com/"):
			t.Errorf("%s: confirmed v2 evidence %q is not a docs page", h.Name, h.Evidence)
		case h.Derived && h.SDK == "" && !strings.HasPrefix(h.Evidence, "derived: event listed on https://dev.wix.com/docs/"):
			// A derived name mirrors an SDK event, or is an event a docs
			// menu page lists (a module whose SDK package is not read).
			t.Errorf("%s: derived entry without its SDK source or menu page: %+v", h.Name, h)
		case h.Derived && (!strings.HasPrefix(h.Evidence, "derived: ") || (h.SDK != "" && h.EventType == "")):
			t.Errorf("%s: derived entry without its SDK source: %+v", h.Name, h)
		}
		if h.SDK != "" {
			pkg, rest, _ := strings.Cut(h.SDK, " ")
			ns, exp, _ := strings.Cut(rest, ".")
			if e := c.SDK(pkg, ns, exp); e == nil || e.EventType != h.EventType || exp != h.Event {
				t.Errorf("%s: SDK link %q does not resolve to its event", h.Name, h.SDK)
			}
		}
		if IsDataHookSuffix(h.Event) {
			t.Errorf("%s: event name is a data hook suffix", h.Name)
		}
	}
	for _, p := range c.PrefixTable() {
		if p.DocsURL == "" || len(p.Modules) == 0 {
			t.Errorf("prefix %s: no docs page or modules", p.Prefix)
		}
	}
	sdkSeen := map[string]bool{}
	for _, e := range c.AllSDKEvents() {
		if sdkSeen[e.Key()] {
			t.Errorf("duplicate SDK event %s", e.Key())
		}
		sdkSeen[e.Key()] = true
		if e.EventType == "" || e.PayloadType == "" || e.ImportPath != e.Package || !strings.HasPrefix(e.Evidence, "npm:@wix/") || !strings.HasPrefix(e.Export, "on") {
			t.Errorf("SDK event %+v incomplete", e)
		}
		if e.Deprecated != (e.Deprecated || e.ReplacedBy != "") {
			t.Errorf("%s: replacedBy without deprecated", e.Key())
		}
	}
	for _, p := range c.Packages() {
		if p.Version == "" || !strings.HasPrefix(p.Integrity, "sha512-") {
			t.Errorf("package %+v: no version or integrity", p)
		}
	}
	if v := c.Version(); !strings.Contains(v, "corvid-types 0.4.16") || len(v) > 80 {
		t.Errorf("Version() = %q", v)
	}
}

func TestDataHookSuffixes(t *testing.T) {
	for _, s := range []string{"beforeInsert", "afterUpdate", "beforeQuery", "afterGet", "onFailure", "beforeCount", "afterCount", "beforeRemove", "afterRemove"} {
		if !IsDataHookSuffix(s) {
			t.Errorf("IsDataHookSuffix(%q) = false", s)
		}
	}
	for _, s := range []string{"", "onInvoicePaid", "BeforeInsert", "beforeinsert", "before"} {
		if IsDataHookSuffix(s) {
			t.Errorf("IsDataHookSuffix(%q) = true", s)
		}
	}
	all := DataHookSuffixes()
	all[0] = "mutated"
	if DataHookSuffixes()[0] == "mutated" {
		t.Error("DataHookSuffixes exposes its slice")
	}
}

func TestDefaultIsShared(t *testing.T) {
	if Default() != Default() {
		t.Error("Default() must parse once")
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// TestCompleteOrderWithinTier: within one match quality, confirmed names come
// before derived ones and deprecated ones last; then the modules sites use
// most; then the name.
func TestCompleteOrderWithinTier(t *testing.T) {
	c := Default()
	all := c.Complete("", 0) // every name matches the empty prefix at the first tier
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		ca, cb := rankClass(a, c.Lookup(a.Name)), rankClass(b, c.Lookup(b.Name))
		switch {
		case ca > cb:
			t.Fatalf("%s (class %d) before %s (class %d)", a.Name, ca, b.Name, cb)
		case ca == cb && popularity(a.Name) > popularity(b.Name):
			t.Fatalf("%s before the more common module's %s", a.Name, b.Name)
		case ca == cb && popularity(a.Name) == popularity(b.Name) && a.Name > b.Name:
			t.Fatalf("%s before %s: not by name", a.Name, b.Name)
		}
	}
	// The case the issue names: `wixSto` offers the stores events people
	// use before the wixStoresCatalogV1_ names (both exact-case prefixes).
	got := c.Complete("wixSto", 0)
	if len(got) == 0 || !strings.HasPrefix(got[0].Name, "wixStores_") {
		t.Fatalf("Complete(wixSto)[0] = %v, want a wixStores_ handler", got)
	}
	firstCatalog, lastStores := -1, -1
	for i, h := range got {
		if h.Prefix == "wixStoresCatalogV1" && firstCatalog < 0 && !h.Deprecated {
			firstCatalog = i
		}
		if h.Prefix == "wixStores" && !h.Deprecated && rankClass(h, c.Lookup(h.Name)) == classConfirmed {
			lastStores = i
		}
	}
	if firstCatalog >= 0 && lastStores > firstCatalog && rankClass(got[firstCatalog], c.Lookup(got[firstCatalog].Name)) == classConfirmed {
		t.Errorf("confirmed wixStores_ handler at %d after wixStoresCatalogV1_ at %d", lastStores, firstCatalog)
	}
}
