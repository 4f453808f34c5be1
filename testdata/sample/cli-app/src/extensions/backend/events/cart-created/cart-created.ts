import { cart } from '@wix/ecom';

// Mistake (with current-cart-created): both handle wix.ecom.v1.cart_created
// (duplicate-event-handler).
export default cart.onCartCreated((event) => {
  console.log('Cart created', event.entity?._id);
});
