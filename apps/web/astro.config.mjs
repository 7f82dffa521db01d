import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { pageDirectives } from './src/lib/security.ts';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  // The whole stylesheet is a few kilobytes: inline it so a page renders after one request.
  build: { inlineStylesheets: 'always' },
  // Pages rendered on the server get a Content-Security-Policy header that allows the build's inlined
  // stylesheets by their hashes; the middleware then allows no script (src/lib/security.ts).
  security: { csp: { directives: [...pageDirectives] } },
  telemetry: false,
});
