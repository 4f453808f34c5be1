import { orderTransactions } from '@wix/ecom';

// Mistake: a deprecated event (deprecated-event).
export default orderTransactions.onOrderTransactionsUpdated((event) => {
  console.log('Transactions updated', event.data?.orderId);
});
