import { defineConfig } from 'tsdown';

export default defineConfig({
  // The search thread's module is loaded by URL from beside the bundle, so it is an entry of its own.
  entry: { index: 'src/index.ts', 'search-worker': 'src/sqlite/search-worker.ts' },
  format: 'esm',
  platform: 'node',
  fixedExtension: false,
  dts: true,
  publint: true,
});
