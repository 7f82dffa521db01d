import node from '@astrojs/node';
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  // The whole stylesheet is a few kilobytes: inline it so a page renders after one request.
  build: { inlineStylesheets: 'always' },
  telemetry: false,
});
