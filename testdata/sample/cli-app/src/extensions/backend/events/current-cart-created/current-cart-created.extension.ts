import { extensions } from '@wix/astro/builders';

export default extensions.event({
  id: '4d3c2b1a-0f9e-4d8c-b7a6-f5e4d3c2b1a0',
  source: './extensions/backend/events/current-cart-created/current-cart-created.ts',
});
