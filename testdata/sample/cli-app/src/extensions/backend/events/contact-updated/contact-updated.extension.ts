import { extensions } from '@wix/astro/builders';

export default extensions.event({
  id: '6a1f0e9d-8c7b-4a6e-9d5c-4b3a2f1e0d9c',
  source: './extensions/backend/events/contact-updated/contact-updated.ts',
});
