import { checkout } from '@wix/ecom';

// Mistake in the builder: its id was copied from order-paid (duplicate-extension-id).
export default checkout.onCheckoutCompleted((event) => {
  console.log('Checkout completed', event.data?.checkout?._id);
});
