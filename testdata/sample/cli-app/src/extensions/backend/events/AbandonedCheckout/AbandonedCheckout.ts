import { abandonedCheckouts } from '@wix/ecom';

// Mistake: the folder name has capitals (invalid-extension-folder).
export default abandonedCheckouts.onAbandonedCheckoutCreated((event) => {
  console.log('Abandoned checkout', event.entity?._id);
});
