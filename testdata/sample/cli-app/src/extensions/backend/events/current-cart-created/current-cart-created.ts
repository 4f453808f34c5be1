import { currentCart } from '@wix/ecom';

export default currentCart.onCartCreated((event) => {
  console.log('Current cart created', event.entity?._id);
});
