// Sample Velo site backend events: correct handlers and the mistakes that
// make a handler silently never fire. `wix-events-ls check testdata/sample`
// reports each mistake.
import { sendReceipt } from 'backend/receipts.web';
import wixData from 'wix-data';
import { contacts } from '@wix/crm';
import { logHandler } from '@acme/velo-event-log';
import { orders } from 'wix-ecom-backend';
import { elevate } from 'wix-auth';

// Mistake, kept on purpose: a known v1 handler that reads event.entity.id,
// but an invoice event is the Invoice itself (`id: { id, version }`, no
// `entity`), so invoiceId is always undefined (unknown-payload-field; the
// fix is event.id.id).
export function wixBilling_onInvoicePaid(event) {
  const invoiceId = event.entity.id;
  return sendReceipt(invoiceId);
}

// Correct: async handler of a universal (v2) module.
export async function wixEcom_onOrderCreated(event) {
  await wixData.insert('Orders', { orderId: event.entity._id });
}

// Correct: arrow-function export.
export const wixCrm_onContactCreated = (event) => {
  console.log('contact created', event.entity);
};

// A plain helper export is fine: Wix ignores it.
export function formatPrice(amount) {
  return `$${amount.toFixed(2)}`;
}

// Commented-out handlers are not exports:
// export function wixMediaManager_onFileUploaded(event) {}

// Mistake: misspelled module prefix.
export function wixBiling_onInvoiceSent(event) {}

// Mistake: British spelling of the event name.
export function wixBookings_onBookingCancelled(event) {}

// Mistake: a function imported from an npm package and re-exported is never called.
export const wixMembers_onMemberCreated = logHandler;

// Mistake: a data hook belongs in data.js.
export function Orders_beforeInsert(item, context) {
  return item;
}

// Mistake: JavaScript SDK registration does nothing in a site's events.js.
contacts.onContactUpdated((event) => {
  console.log(event);
});

// Mistake: the handler fires, then fails every time. The eCommerce Orders
// API only runs elevated, and a handler has no visitor or member identity
// (needs-elevation; the fix wraps the call in elevate() from wix-auth).
export async function wixEcom_onOrderApproved(event) {
  const order = await orders.getOrder(event.data.order._id);
  await wixData.insert('ApprovedOrders', { orderId: order._id, total: order.priceSummary.total.amount });
}

// Correct: the same call, elevated.
export async function wixEcom_onOrderCanceled(event) {
  const order = await elevate(orders.getOrder)(event.data.order._id);
  await wixData.insert('CanceledOrders', { orderId: order._id });
}
