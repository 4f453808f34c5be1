package analysis

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wix-events-ls/wix-events-ls/catalog"
	"github.com/wix-events-ls/wix-events-ls/config"
	"github.com/wix-events-ls/wix-events-ls/index"
)

func TestHandlerShaped(t *testing.T) {
	cat := catalog.Default()
	tests := []struct {
		name string
		want bool
	}{
		{"wixBilling_onInvoicePaid", true},
		{"wixAnything_whatever", true},
		{"myModule_onThing", true}, // <prefix>_on<Event>
		{"wixBiling_onInvoicePaid", true},
		{"Billing_invoicePaid", true}, // the prefix without "wix"
		{"members_onMemberCreated", true},
		{"formatPrice", false},
		{"get_items", false},
		{"Orders_beforeInsert", false}, // a data hook, handled by its own rule
		{"_private", false},
		{"trailing_", false},
	}
	for _, tt := range tests {
		if got := HandlerShaped(cat, tt.name); got != tt.want {
			t.Errorf("HandlerShaped(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// analyze indexes files under a temp root and returns the diagnostics of
// every file.
func analyze(t *testing.T, files map[string]string, cfg config.Config) []Diagnostic {
	t.Helper()
	return analyzeAt(t, files, cfg, markerNow)
}

// analyzeAt runs the rules with the clock fixed at now.
func analyzeAt(t *testing.T, files map[string]string, cfg config.Config, now time.Time) []Diagnostic {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	ws := index.New(index.Options{Config: cfg, KeepCall: KeepCall})
	ws.AddRoot(root)
	if _, err := ws.Walk(context.Background(), root, nil); err != nil {
		t.Fatal(err)
	}
	an := New(ws)
	an.Now = func() time.Time { return now }
	var out []Diagnostic
	for _, f := range ws.Files() {
		out = append(out, an.File(f)...)
	}
	return out
}

func TestUnknownHandlerSeverity(t *testing.T) {
	tests := []struct {
		name string
		sev  Severity
		href string // the diagnostic's own link, "" for the rule's page
	}{
		// Known prefix and an SDK event of that name: probably real, say it quietly.
		{"wixBookings_onServiceCreated", SevInfo, ""},
		// An event a Velo events menu lists whose handler name no page
		// read shows: quietly too, linking the menu to check it on.
		{"wixCategories_onCategoryCreated", SevInfo, "https://dev.wix.com/docs/velo/apis/wix-categories-v2.md"},
		// Misspelled prefix: a warning with a suggestion.
		{"wixBiling_onInvoicePaid", SevWarning, ""},
		// Invented module.
		{"wixFooBar_onSomethingHappened", SevWarning, ""},
	}
	for _, tt := range tests {
		ds := analyze(t, map[string]string{"src/backend/events.js": "export function " + tt.name + "(event) {}\n"}, config.Config{})
		if len(ds) != 1 || ds[0].Code != "unknown-handler" || ds[0].Severity != tt.sev || ds[0].Href != tt.href {
			t.Errorf("%s: got %+v, want one unknown-handler at severity %v linking %q", tt.name, ds, tt.sev, tt.href)
		}
	}
}

func TestSeverityConfigAndUserCatalog(t *testing.T) {
	files := map[string]string{"src/backend/events.js": "export function wixNew_onThing(event) {}\nexport function wixBiling_onInvoicePaid(event) {}\n"}
	cfg := config.Config{
		Severity: map[string]config.Level{"unknown-handler": config.Error},
		Catalog:  catalog.Extra{Handlers: []catalog.Handler{{Name: "wixNew_onThing", Module: "wix-new.v2"}}},
	}
	ds := analyze(t, files, cfg)
	if len(ds) != 1 || ds[0].Severity != SevError || ds[0].Code != "unknown-handler" {
		t.Fatalf("got %+v", ds)
	}
	cfg.Severity["unknown-handler"] = config.Off
	if ds := analyze(t, files, cfg); len(ds) != 0 {
		t.Fatalf("off: got %+v", ds)
	}
}

func TestDeprecatedHandler(t *testing.T) {
	files := map[string]string{"src/backend/events.js": "export function wixStores_onNewOrder(event) {}\n"}
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d.Add(23 * time.Hour) }
	for _, tt := range []struct {
		now  time.Time
		code string
		msg  string
	}{
		{day("2024-09-03"), "deprecated-event", "wixStores_onNewOrder (wix-stores-backend) is deprecated"},
		{day("2024-09-04"), "removed-event", "Wix stopped calling wixStores_onNewOrder on 2024-09-04; use wixEcom_onOrderApproved"},
		{day("2026-12-05"), "removed-event", "Wix stopped calling wixStores_onNewOrder on 2024-09-04; use wixEcom_onOrderApproved"},
	} {
		ds := analyzeAt(t, files, config.Config{}, tt.now)
		if len(ds) != 1 || ds[0].Code != tt.code || !strings.HasPrefix(ds[0].Message, tt.msg) || len(ds[0].Tags) != 1 || ds[0].Tags[0] != TagDeprecated {
			t.Fatalf("%s: got %+v", tt.now.Format("2006-01-02"), ds)
		}
		if len(ds[0].Fixes) != 1 || ds[0].Fixes[0].Edits[0].NewText != "wixEcom_onOrderApproved" {
			t.Errorf("%s: fix = %+v", tt.now.Format("2006-01-02"), ds[0].Fixes)
		}
		if want := map[string]Severity{"deprecated-event": SevWarning, "removed-event": SevError}[tt.code]; ds[0].Severity != want {
			t.Errorf("%s: severity %v, want %v", tt.code, ds[0].Severity, want)
		}
	}
	// A name that is deprecated in v1 but current in a v2 module is fine.
	if ds := analyze(t, map[string]string{"src/backend/events.js": "export function wixMembers_onMemberCreated(event) {}\n"}, config.Config{}); len(ds) != 0 {
		t.Errorf("wixMembers_onMemberCreated: %+v", ds)
	}
	// Turning deprecation warnings off leaves the removal errors.
	cfg := config.Config{Severity: map[string]config.Level{"deprecated-event": config.Off}}
	if ds := analyzeAt(t, files, cfg, day("2025-01-01")); len(ds) != 1 || ds[0].Code != "removed-event" {
		t.Errorf("deprecated-event off: %+v", ds)
	}
}

func TestDependentsOfAppWithoutPackageJSON(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"src/extensions.ts": "import { app } from '@wix/astro/builders';\nexport default app();\n",
		"src/extensions/backend/events/a/a.extension.ts": "import { extensions } from '@wix/astro/builders';\nexport default extensions.event({ id: '0b6f3c1e-2d4a-4f8b-9c7e-5a1d2e3f4b6c', source: './extensions/backend/events/a/a.ts' });\n",
		"src/extensions/backend/events/a/a.ts":           "import { contacts } from '@wix/crm';\nexport default contacts.onContactCreated(() => {});\n",
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	ws := index.New(index.Options{KeepCall: KeepCall})
	ws.AddRoot(root)
	ws.Walk(context.Background(), root, nil)
	an := New(ws)
	f := ws.File(filepath.Join(root, "src/extensions/backend/events/a/a.ts"))
	if deps := an.Dependents(f); len(deps) != 3 {
		t.Errorf("dependents of a handler in an app without package.json: %d files, want 3", len(deps))
	}
}

// No handler name the catalog lists (every v1 event, every v2 name a docs
// page shows, every derived name) is reported unknown: a false "unknown
// handler" on working code is the worst outcome.
func TestNoUnknownHandlerOnCatalogNames(t *testing.T) {
	var b strings.Builder
	seen := map[string]bool{}
	for _, h := range catalog.Default().Handlers() {
		if !seen[h.Name] {
			seen[h.Name] = true
			b.WriteString("export function " + h.Name + "(event) {}\n")
		}
	}
	// Names read on dev.wix.com pages for issue 16, listed here so the test
	// does not only check the catalog against itself.
	for _, name := range []string{
		"wixEventsV3_onEventCanceled", "wixEventsV3_onEventStarted", "wixEvents_onEventCanceled",
		"wixBadgesV4_onBadgeUpdated", "wixBadges_onBadgeAssigned", "wixBadges_onBadgeUnassigned",
		"wixEcom_onAbandonedCheckoutCreated", "wixEcom_onAbandonedCheckoutRecovered", "wixEcom_onOrderTransactionsUpdated",
		"wixForms_onSubmissionCreated", "wixForms_onSubmissionDeleted", "wixForms_onSubmissionUpdated",
		"wixBookings_onBookingRescheduled", "wixBookingsV2_onBookingConfirmed", "wixBookingsV2_onBookingDeclined",
		"wixSocialGroupsV2_onGroupMemberAdded", "wixSocialGroupsV2_onGroupRequestApproved",
		"wixRestaurantsMenus_onItemCreated", "wixReviews_onReviewCreated", "wixReviews_onReviewUpdated",
		"wixReviews_onReviewModerationStatusChanged", "wixReviewsV1_onReviewPublished",
		"wixLocations_onLocationCreated", "wixLoyalty_onAccountUpdated", "wixLoyalty_onAccountPointsUpdated",
		"wixCrmInbox_onMessageSentToBusiness", "wixCrmInbox_onMessageSentToParticipant",
	} {
		if !seen[name] {
			seen[name] = true
			b.WriteString("export function " + name + "(event) {}\n")
		}
	}
	ds := analyze(t, map[string]string{"src/backend/events.js": b.String()}, config.Config{})
	for _, d := range ds {
		if d.Code == "unknown-handler" {
			t.Errorf("%s", d.Message)
		}
	}
	if len(seen) < 116+69 {
		t.Errorf("only %d names checked", len(seen))
	}
}

// An SDK registration in events.js names the Velo handler mirroring that
// very SDK event, not every handler of an event of that name; with none
// known it says what it knows (an unread menu, or nothing) instead of
// sending the reader after an export that may not exist.
func TestSDKRegistrationSuggestions(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"import { orders } from '@wix/ecom';\norders.onOrderCreated((event) => {});\n",
			"export the Velo handler wixEcom_onOrderCreated instead"},
		// v1 handlers mirror no SDK event: matched by the package's product.
		{"import { invoices } from '@wix/billing';\ninvoices.onInvoicePaid((event) => {});\n",
			"export the Velo handler wixBilling_onInvoicePaid instead"},
		// Blog and forum have an onCategoryCreated too; not these categories.
		{"import { categories } from '@wix/categories';\ncategories.onCategoryCreated((event) => {});\n",
			"the Velo docs list onCategoryCreated for wix-categories.v2 (https://dev.wix.com/docs/velo/apis/wix-categories-v2.md)"},
		{"import { staffMembers } from '@wix/bookings';\nstaffMembers.onStaffMemberCreated((event) => {});\n",
			"the catalog knows no Velo handler for onStaffMemberCreated"},
		// An aliased import is matched by the name it imports.
		{"import { orders as o } from '@wix/ecom';\no.onOrderCreated((event) => {});\n",
			"export the Velo handler wixEcom_onOrderCreated instead"},
	} {
		ds := analyze(t, map[string]string{"src/backend/events.js": tt.src}, config.Config{})
		if len(ds) != 1 || ds[0].Code != "sdk-registration-in-site" || !strings.Contains(ds[0].Message, tt.want) {
			t.Errorf("%q: got %+v, want a message with %q", tt.src, ds, tt.want)
		}
	}
}

// After its removal date a deprecation note's announcement is history: the
// message keeps the rest of the docs' words, never "will be removed on" a
// date it also says has passed.
func TestPastRemoval(t *testing.T) {
	for note, want := range map[string]string{
		"the Bookings V1 Velo events were replaced by the Bookings V2 events (wix-bookings.v2) and will be removed on June 30, 2026": "the Bookings V1 Velo events were replaced by the Bookings V2 events (wix-bookings.v2)",
		"Deprecated workflow card event: continues to work until June 30, 2024; the Workflows API is being discontinued":             "Deprecated workflow card event; the Workflows API is being discontinued",
		"use the Velo Inbox events instead": "use the Velo Inbox events instead",
		"will be removed on March 31, 2024": "",
	} {
		if got := pastRemoval(note); got != want {
			t.Errorf("pastRemoval(%q) = %q, want %q", note, got, want)
		}
	}
	after, _ := time.Parse("2006-01-02", "2026-07-01")
	ds := analyzeAt(t, map[string]string{"src/backend/events.js": "export function wixBookings_onBookingConfirmed(event) {}\n"}, config.Config{}, after)
	if len(ds) != 1 || strings.Contains(ds[0].Message, "will be removed") || !strings.Contains(ds[0].Message, "Wix stopped calling the wix-bookings-backend event on 2026-06-30") {
		t.Errorf("got %+v", ds)
	}
}
