import { extensions } from '@wix/astro/builders';

export default extensions.event({
  id: '2e9d8c7b-6a5f-4e4d-8c3b-2a1f0e9d8c7b',
  source: './extensions/backend/events/contact-deleted/contact-deleted.ts',
});
