package index

import "testing"

func TestClassify(t *testing.T) {
	tests := []struct {
		rel  string
		want Kind
	}{
		{"src/backend/events.js", KindVeloEvents},
		{"backend/events.js", KindVeloEvents},
		{"wix/backend/events.js", KindVeloEvents},
		{"src/backend/data.js", KindVeloData},
		{"src/backend/orders.web.js", KindVeloBackend},
		{"src/backend/legacy.jsw", KindVeloBackend},
		{"src/backend/lib/util.js", KindVeloBackend},
		{"src/pages/Home.c1dmp.js", KindOther},
		{"src/public/events.js", KindOther},
		{"src/extensions/backend/events/contact-created/contact-created.extension.ts", KindCLIBuilder},
		{"src/extensions/backend/events/contact-created/contact-created.ts", KindCLIHandler},
		{"src/backend/events/order-paid/event.ts", KindCLIHandler},
		{"src/backend/events/order-paid/types.d.ts", KindOther},
		{"src/extensions.ts", KindCLIRegistration},
		{"extensions.ts", KindOther},
		{"README.md", KindOther},
	}
	for _, tt := range tests {
		if got := Classify(tt.rel); got != tt.want {
			t.Errorf("Classify(%q) = %v, want %v", tt.rel, got, tt.want)
		}
	}
}

func TestSiteScope(t *testing.T) {
	tests := []struct {
		rel   string
		scope string
		pkg   bool
	}{
		{"src/backend/events.js", ".", false},
		{"backend/events.js", ".", false},
		{"sites/shop/src/backend/events.js", "sites/shop", false},
		{"wix/backend/events.js", "wix", false},
		{"src/packages/my-pkg/backend/events.js", "src/packages/my-pkg/backend", true},
		{"src/backend/lib/events.js", "src/backend/lib", true},
	}
	for _, tt := range tests {
		scope, pkg := SiteScope(tt.rel)
		if scope != tt.scope || pkg != tt.pkg {
			t.Errorf("SiteScope(%q) = %q, %v; want %q, %v", tt.rel, scope, pkg, tt.scope, tt.pkg)
		}
	}
}
