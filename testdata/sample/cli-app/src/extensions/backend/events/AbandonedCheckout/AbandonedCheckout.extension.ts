import { extensions } from '@wix/astro/builders';

export default extensions.event({
  id: 'c3b2a1f0-e9d8-4c7b-9a6f-5e4d3c2b1a0f',
  source: './extensions/backend/events/AbandonedCheckout/AbandonedCheckout.ts',
});
