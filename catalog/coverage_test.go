package catalog

import (
	"encoding/json"
	"os"
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
	if fns < 396 || nss < 117 || len(c.SDKPackages()) < 14 {
		t.Errorf("SDK: %d functions in %d namespaces of %d packages, want ≥ 396 in 117 of 14", fns, nss, len(c.SDKPackages()))
	}
	if v2Confirmed < 49 {
		t.Errorf("v2 confirmed: %d, want ≥ 49", v2Confirmed)
	}
	if v2Derived < 70 {
		t.Errorf("v2 derived: %d, want ≥ 70", v2Derived)
	}
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
