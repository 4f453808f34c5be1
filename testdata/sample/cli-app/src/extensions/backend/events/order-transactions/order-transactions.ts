import { orderTransactions } from '@wix/ecom';

// Mistakes: a deprecated event (deprecated-event), and a read of
// event.data.orderId, which the payload (PaymentsUpdated) does not carry:
// it is event.data.orderTransactions.orderId (unknown-payload-field).
export default orderTransactions.onOrderTransactionsUpdated((event) => {
  console.log('Transactions updated', event.data?.orderId);
});
