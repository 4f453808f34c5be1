package analysis

import (
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// TestVeloElevationModules: a closed events.js keeps the calls through
// exactly the Velo modules the catalog has method permissions for (and
// wix-auth), so a Velo method added to the overlay is also seen in closed
// files.
func TestVeloElevationModules(t *testing.T) {
	want := map[string]bool{wixAuthModule: true}
	for _, m := range catalog.DefaultMethods().All() {
		if m.Velo() {
			want[m.Package] = true
		}
	}
	for mod := range want {
		if !veloElevationModules[mod] {
			t.Errorf("veloElevationModules lacks %s", mod)
		}
	}
	for mod := range veloElevationModules {
		if !want[mod] {
			t.Errorf("veloElevationModules has %s, which no recorded Velo method uses", mod)
		}
	}
}

// TestVeloElevationAdvice: the message offers suppressAuth only for the
// methods whose page says it overrides the restriction (wix-crm-backend);
// a v2 module's page names elevate() alone.
func TestVeloElevationAdvice(t *testing.T) {
	ws, _, now := loadArchive(t, "testdata/velo/elevation-v2.txtar")
	want := map[string]bool{ // callee → suppressAuth offered
		"orders.getOrder":                  false,
		"contacts.labelContact":            false,
		"labels.findOrCreateLabel":         false,
		"bookings.confirmBooking":          false,
		"crmV1.deleteContact":              true,
		"pricingOrders.createOfflineOrder": false,
	}
	seen := map[string]bool{}
	for _, d := range diagnoseAll(ws, now) {
		if d.Code != "needs-elevation" {
			continue
		}
		callee, _, _ := strings.Cut(d.Message, " ")
		offered, ok := want[callee]
		if !ok {
			continue
		}
		seen[callee] = true
		if got := strings.Contains(d.Message, "suppressAuth"); got != offered {
			t.Errorf("%s: suppressAuth offered = %v, want %v: %s", callee, got, offered, d.Message)
		}
	}
	for callee := range want {
		if !seen[callee] {
			t.Errorf("no needs-elevation on %s", callee)
		}
	}
}
