import { extensions } from '@wix/astro/builders';

export default extensions.event({
  id: '3c2b1a0f-9e8d-4c7b-a6f5-e4d3c2b1a0f9',
  source: './extensions/backend/events/cart-created/cart-created.ts',
});
