import { extensions } from '@wix/astro/builders';

export default extensions.event({
  id: '0f6e2d1c-3b4a-4958-8a7b-6c5d4e3f2a1b',
  source: './extensions/backend/events/contact-merged/contact-merged.ts',
});
