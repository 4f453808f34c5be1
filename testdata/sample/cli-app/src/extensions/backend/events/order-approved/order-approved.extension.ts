import { extensions } from '@wix/astro/builders';

export default extensions.event({
  id: '7b6a5f4e-3d2c-4b1a-8f0e-9d8c7b6a5f4e',
  source: './src/extensions/backend/events/order-approved/order-approved.ts',
});
