import { orders } from '@wix/ecom';

export default orders.onOrderApproved((event) => {
  console.log('Order approved', event.data?.order?.number);
});
