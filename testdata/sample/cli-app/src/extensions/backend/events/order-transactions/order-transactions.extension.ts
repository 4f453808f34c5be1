import { extensions } from '@wix/astro/builders';

export default extensions.event({
  id: '1a0f9e8d-7c6b-4a5f-9e4d-3c2b1a0f9e8d',
  source: './extensions/backend/events/order-transactions/order-transactions.ts',
});
