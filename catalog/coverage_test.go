package catalog

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// Coverage floors at the pinned versions (overlay/pins.json). A regenerated
// catalog may grow; it must never silently lose events.
func TestCoverageFloors(t *testing.T) {
	c := Default()
	v1, v1Modules := 0, map[string]bool{}
	v2Confirmed, v2Derived := 0, 0
	for _, h := range c.Handlers() {
		switch {
		case h.Generation == V1:
			v1++
			v1Modules[h.Module] = true
		case h.Derived:
			v2Derived++
		default:
			v2Confirmed++
		}
	}
	if v1 < 116 || len(v1Modules) < 13 {
		t.Errorf("v1: %d events in %d modules, want ≥ 116 in 13", v1, len(v1Modules))
	}
	fns, nss := 0, 0
	for _, p := range c.SDKPackages() {
		nss += len(c.SDKNamespaces(p))
		fns += len(c.SDKEvents(p, ""))
	}
	if fns < 618 || nss < 186 || len(c.SDKPackages()) < 38 {
		t.Errorf("SDK: %d functions in %d namespaces of %d packages, want ≥ 618 in 186 of 38", fns, nss, len(c.SDKPackages()))
	}
	// Every top-level package read is recorded, with or without events.
	mods, withEvents := 0, 0
	for _, name := range append(c.SDKPackages(), "@wix/urls", "@wix/contacts") {
		if _, ok := c.SDKModule(name); !ok {
			t.Errorf("SDKModule(%s) unknown", name)
		}
	}
	for _, m := range c.modules {
		mods++
		if m.Events > 0 {
			withEvents++
		}
		if m.Version == "" || !strings.HasPrefix(m.DocsURL, "https://") {
			t.Errorf("module %+v: version and docs page required", m)
		}
		if n := len(c.SDKEvents(m.Name, "")); n != m.Events {
			t.Errorf("module %s records %d events, the catalog has %d", m.Name, m.Events, n)
		}
	}
	if mods < 50 || withEvents < 38 {
		t.Errorf("modules: %d (%d with events), want ≥ 50 (38)", mods, withEvents)
	}
	// Issue 16 turned derived names into confirmed ones (and dropped those
	// a page contradicts): confirmed names only grow, and the names known
	// in all stay above the floor.
	if v2Confirmed < 94 {
		t.Errorf("v2 confirmed: %d, want ≥ 94", v2Confirmed)
	}
	if v2Confirmed+v2Derived < 140 {
		t.Errorf("v2 names: %d confirmed + %d derived, want ≥ 140", v2Confirmed, v2Derived)
	}
	t.Logf("SDK modules %d (%d with events)", mods, withEvents)
	t.Logf("v1 %d/%d modules, SDK %d/%d ns/%d pkgs, v2 confirmed %d, derived %d",
		v1, len(v1Modules), fns, nss, len(c.SDKPackages()), v2Confirmed, v2Derived)
}

// Every "confirmed" name of the shared reference list is in the catalog.
func TestSharedReferenceConfirmedHandlers(t *testing.T) {
	// The shared folder sits beside the main checkout (../../shared) or,
	// from a worktree under wt/, one level further up.
	var raw []byte
	var err error
	for _, p := range []string{"../../shared/reference/velo-v2-handlers.json", "../../../shared/reference/velo-v2-handlers.json"} {
		if raw, err = os.ReadFile(p); err == nil {
			break
		}
	}
	if err != nil {
		t.Skip("shared reference not available:", err)
	}
	var ref struct {
		Confirmed []struct {
			Handler, Module string
		} `json:"confirmed"`
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	c := Default()
	for _, r := range ref.Confirmed {
		found := false
		for _, h := range c.Lookup(r.Handler) {
			found = found || (h.Generation == V2 && h.Module == r.Module && !h.Derived)
		}
		if !found {
			t.Errorf("%s (%s) missing", r.Handler, r.Module)
		}
	}
}

// SDK events carry their reference page: the pattern of overlay/sdk-docs.json
// (pages confirmed there) for packages documented in the SDK reference,
// none for packages whose only page is on npm.
func TestSDKDocsURLs(t *testing.T) {
	c := Default()
	for _, tc := range []struct{ pkg, ns, export, want string }{
		{"@wix/app-management", "appInstances", "onAppInstanceInstalled", "https://dev.wix.com/docs/sdk/backend-modules/app-management/app-instances/on-app-instance-installed"},
		{"@wix/ecom", "abandonedCheckouts", "onAbandonedCheckoutCreated", "https://dev.wix.com/docs/sdk/backend-modules/ecom/abandoned-checkouts/on-abandoned-checkout-created"},
		{"@wix/groups", "groups", "onGroupCreated", "https://dev.wix.com/docs/sdk/backend-modules/groups/groups/on-group-created"},
		{"@wix/stores", "productsV3", "onProductCreated", "https://dev.wix.com/docs/sdk/backend-modules/stores/catalog-v3/products-v3/product-created"},
	} {
		e := c.SDK(tc.pkg, tc.ns, tc.export)
		if e == nil || e.DocsURL != tc.want {
			t.Errorf("%s %s.%s: docs %+v, want %s", tc.pkg, tc.ns, tc.export, e, tc.want)
		}
	}
	for _, e := range c.AllSDKEvents() {
		m, _ := c.SDKModule(e.Package)
		inRef := strings.HasPrefix(m.DocsURL, "https://dev.wix.com/docs/sdk/backend-modules/")
		if inRef != (e.DocsURL != "") || (inRef && !strings.HasPrefix(e.DocsURL, m.DocsURL+"/")) {
			t.Errorf("%s %s.%s: docs %q, package docs %q", e.Package, e.Namespace, e.Export, e.DocsURL, m.DocsURL)
		}
	}
}
