import { extensions } from '@wix/astro/builders';

export default extensions.event({
  id: '5d2b8f3e-7a41-4c9d-b6e2-1f0a9c8d7e6b',
  source: './extensions/backend/events/checkout-completed/checkout-completed.ts',
});
