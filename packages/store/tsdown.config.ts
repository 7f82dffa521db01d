import { defineConfig } from 'tsdown';

export default defineConfig({
  // The threads' modules are loaded by URL from beside the bundle, so each is an entry of its own.
  entry: {
    index: 'src/index.ts',
    'search-worker': 'src/sqlite/search-worker.ts',
    'writer-worker': 'src/sqlite/writer-worker.ts',
    'check-worker': 'src/sqlite/check-worker.ts',
    'row-worker': 'src/core/row-worker.ts',
  },
  format: 'esm',
  platform: 'node',
  fixedExtension: false,
  dts: true,
  publint: true,
});
