import { extensions } from '@wix/astro/builders';

export default extensions.event({
  id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  source: './extensions/backend/events/order-created/order-created.ts',
});
