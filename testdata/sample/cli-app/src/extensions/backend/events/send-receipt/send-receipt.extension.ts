import { extensions } from '@wix/astro/builders';

export default extensions.event({
  id: 'b2a1f0e9-d8c7-4b6a-8f5e-4d3c2b1a0f9e',
  source: './extensions/backend/events/send-receipt/send-receipt.ts',
});
