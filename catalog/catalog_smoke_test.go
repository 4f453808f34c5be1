package catalog

import "testing"

func TestSeedSmoke(t *testing.T) {
	c := Default()
	if got := c.Lookup("wixCrm_onContactCreated"); len(got) != 2 || got[0].Generation != V1 || got[1].Generation != V2 {
		t.Fatalf("Lookup = %v", got)
	}
	s := c.Suggest("wixBiling_onInvoicePaid", 3)
	if len(s) == 0 || s[0].Name != "wixBilling_onInvoicePaid" {
		t.Fatalf("Suggest = %+v", s)
	}
	s = c.Suggest("wixBookings_onBookingCancelled", 3)
	if len(s) == 0 || s[0].Name != "wixBookings_onBookingCanceled" || s[0].Reason != ReasonBritish {
		t.Fatalf("Suggest = %+v", s)
	}
	if got := c.SDKByEventType("wix.ecom.v1.cart_created"); len(got) != 2 {
		t.Fatalf("SDKByEventType = %v", got)
	}
	if got := c.Complete("wix", 0); len(got) != 5 {
		t.Fatalf("Complete = %d", len(got))
	}
	if _, err := c.With(Extra{Handlers: []Handler{{Name: "nounderscore"}}}); err == nil {
		t.Fatal("With accepted a malformed name")
	}
}
