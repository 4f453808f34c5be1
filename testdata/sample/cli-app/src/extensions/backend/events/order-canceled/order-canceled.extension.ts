import { extensions } from '@wix/astro/builders';

export default extensions.event({
  id: '8c7b6a5f-4e3d-4c2b-9a1f-0e9d8c7b6a5f',
  source: './extensions/backend/events/order-canceled/order-canceled.ts',
});
