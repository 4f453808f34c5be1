package analysis

import (
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
