import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  // node:crypto hashes the content and ids: the parser runs on Node.
  platform: 'node',
  fixedExtension: false,
  dts: true,
  publint: true,
});
