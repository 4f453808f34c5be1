import { orders } from '@wix/ecom';

// Mistake in src/extensions.ts: this extension is never .use()d (unregistered-extension).
export default orders.onOrderCanceled((event) => {
  console.log('Order canceled', event.data?.order?.number);
});
