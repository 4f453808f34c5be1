import { orders } from '@wix/ecom';

// Mistake: the event call is a named export, not the default export
// (missing-default-export; the build fails with "Expected event listener call
// to be the default export").
export const handler = orders.onOrderCreated((event) => {
  console.log('Order created', event.entity?.number);
});
