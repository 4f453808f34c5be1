import { defineConfig } from 'astro/config';
import wix from '@wix/astro';

export default defineConfig({
  integrations: [wix()],
});
