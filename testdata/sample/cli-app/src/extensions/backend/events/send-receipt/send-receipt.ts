// Mistake: the handler file has no SDK event call (handler-not-event).
export default async function sendReceipt(event: { orderId: string }) {
  console.log('Would send a receipt for', event.orderId);
}
