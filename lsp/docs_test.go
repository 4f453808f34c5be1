package lsp

import (
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/catalog"
)

// TestHandlerDocAnswersWhatItReceives: a name with several catalog entries
// says first which payload the handler gets.
func TestHandlerDocAnswersWhatItReceives(t *testing.T) {
	cat := catalog.Default()
	for _, tc := range []struct {
		name string
		want []string // in this order
		not  []string
	}{
		{"wixBilling_onInvoicePaid", []string{"**wixBilling_onInvoicePaid** — `onInvoicePaid` event of `wix-billing-backend`"}, []string{"---"}},
		// v1 deprecated, v2 current: the current one answers.
		{"wixMembers_onMemberCreated", []string{"**wixMembers_onMemberCreated** receives the `onMemberCreated` event of `wix-members.v2`", "`wix-members-backend` of the same name is deprecated", "---", "wix-members.v2", "---", "wix-members-backend"}, nil},
		// Both current: both payloads, said so up front.
		{"wixCrm_onContactCreated", []string{"is documented for 2 modules", "one of these payloads", "wix-crm-backend", "wix-crm.v2"}, nil},
		// A note that starts with "Deprecated:" is not repeated after the label.
		{"wixBookings_onBookingCanceled", []string{"**Deprecated**: "}, []string{"Deprecated: Deprecated", "**Deprecated**: Deprecated"}},
	} {
		hs := cat.Lookup(tc.name)
		if len(hs) == 0 {
			t.Fatalf("%s not in the catalog", tc.name)
		}
		doc := handlerDoc(hs)
		at := 0
		for _, w := range tc.want {
			i := strings.Index(doc[at:], w)
			if i < 0 {
				t.Errorf("%s: %q missing (or out of order) in:\n%s", tc.name, w, doc)
				break
			}
			at += i + len(w)
		}
		for _, n := range tc.not {
			if strings.Contains(doc, n) {
				t.Errorf("%s: doc has %q:\n%s", tc.name, n, doc)
			}
		}
	}
}

// TestMainScopes: the scope the docs name first, not the typings' whole list.
func TestMainScopes(t *testing.T) {
	cat := catalog.Default()
	for _, tc := range []struct {
		pkg, ns, export string
		want            string
	}{
		{"@wix/crm", "contacts", "onContactCreated", "Read Contacts"},
		{"@wix/ecom", "orders", "onOrderApproved", "Read Orders"},
		{"@wix/bookings", "bookings", "onBookingCreated", "Read Bookings - Including Participants"},
	} {
		e := cat.SDK(tc.pkg, tc.ns, tc.export)
		if e == nil {
			t.Fatalf("%s %s.%s not in the catalog", tc.pkg, tc.ns, tc.export)
		}
		shown, more := mainScopes(e)
		if len(shown) == 0 || shown[0] != tc.want || len(shown)+more != len(e.PermissionScopes) {
			t.Errorf("%s.%s: scopes %q +%d, want %q first, of %d", tc.ns, tc.export, shown, more, tc.want, len(e.PermissionScopes))
		}
		if doc := sdkDoc(e); !strings.Contains(doc, "Permission scopes: "+tc.want) || strings.Contains(doc, "Rentals") {
			t.Errorf("%s.%s hover: %s", tc.ns, tc.export, doc)
		}
	}
}
