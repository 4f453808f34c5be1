package analysis

import (
	"strings"
	"testing"

	"github.com/wix-events-ls/wix-events-ls/config"
)

// TestPayloadMessages pins what unknown-payload-field says about the Velo
// fixtures' mistakes (the Velo markers carry codes only): the path as
// written, the did-you-mean from the same level, and the type that lacks
// the name.
func TestPayloadMessages(t *testing.T) {
	tests := []struct {
		body string
		want string // "" for no diagnostic
	}{
		{"export function wixBilling_onInvoicePaid(event) { return event.entity.id; }",
			"`event.entity` is always undefined: did you mean `event.id.id`? Invoice has no `entity` (wixBilling_onInvoicePaid's payload)"},
		{"export function wixBilling_onInvoicePaid(event) { return event.customer.fristName; }",
			"did you mean `event.customer.firstName`? Customer has no `fristName`"},
		{"export function wixPay_onPaymentUpdate(event) { return event?.payment?.amout; }",
			"`event.payment.amout` is always undefined: did you mean `event.payment.amount`?"},
		{"export function wixPay_onPaymentUpdate(event) { const p = event.payment; return p.curency; }",
			"`p.curency` is always undefined: did you mean `p.currency`?"},
		{"export function wixPay_onPaymentUpdate(event) { const { entity } = event; return entity; }",
			"`entity` is always undefined: PaymentUpdateEvent has no `entity`"},
		{"export function wixPay_onPaymentUpdate(event) { return event.payment.items[0].sku; }",
			"`event.payment.items[0].sku` is always undefined: PaymentItem has no `sku`"},
		{"export function wixPay_onPaymentUpdate({ payment }) { return payment.status; }",
			"`payment.status` is always undefined: Payment has no `status`"},
		// Right, or not certain: nothing.
		{"export function wixPay_onPaymentUpdate(event) { return event.payment.items[0].price + event.status; }", ""},
		{"export function wixPay_onPaymentUpdate(event) { return event.payment.items.length; }", ""},
		{"export function wixPay_onPaymentUpdate(event) { return event.payment.id.length; }", ""},
		// A confirmed v2 name: a top-level name outside the envelope is
		// certainly undefined; nested fields are not checked (Velo's
		// event.metadata.id is the SDK's _id), nor the envelope's keys (the
		// docs' own examples read event.entity where the full object shows
		// event.data, and the reverse).
		{"export function wixEcom_onOrderApproved(event) { return event.orderId; }",
			"`event.orderId` is always undefined: OrderApprovedEnvelope has no `orderId` (wixEcom_onOrderApproved's payload)"},
		{"export function wixEcom_onOrderApproved(event) { return [event.data.order._id, event.metadata.id, event.data.orderr]; }", ""},
		{"export function wixEcom_onCheckoutCompleted(event) { return [event.entity._id, event.entity.subtotal.amount]; }", ""},
		{"export function wixRestaurantsMenus_onMenuDeleted(event) { return event.entity._id; }", ""},
		// v1 and v2 entries: corvid-types can lack what the page's full
		// event object shows (userId), so not checked.
		{"export function wixEvents_onEventCanceled(event) { return [event.eventId, event.title, event.userId]; }", ""},
		{"export function wixMembers_onMemberCreated(event) { const { member } = event; return member; }", ""},
		// Pricing plans events may arrive as another object (their docs say so).
		{"export function wixPricingPlans_onOrderPurchased(event) { return event.order; }", ""},
		{"export function wixPay_onPaymentUpdate(event) { event = JSON.parse(event); return event.x; }", ""},
	}
	for _, tt := range tests {
		ds := analyze(t, map[string]string{"src/backend/events.js": tt.body + "\n"}, config.Config{})
		var got []string
		for _, d := range ds {
			if d.Code == PayloadCode {
				got = append(got, d.Message)
			}
		}
		switch {
		case tt.want == "" && len(got) > 0:
			t.Errorf("%s\n  reported %q", tt.body, got)
		case tt.want != "" && (len(got) != 1 || !strings.Contains(got[0], tt.want)):
			t.Errorf("%s\n  got %q\n  want one containing %q", tt.body, got, tt.want)
		}
	}
}
