import { orders } from '@wix/ecom';

// Correct: the event call is the default export.
export default orders.onOrderPaymentStatusUpdated(async (event) => {
  const order = event.data?.order;
  console.log(`Order ${order?.number} is now ${order?.paymentStatus}`);
});
