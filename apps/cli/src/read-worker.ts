// Reads and parses the files it is sent, on its own thread, so that the main thread only stores.
import { enableCompileCache } from 'node:module';
import { parentPort } from 'node:worker_threads';
import type { InputFile } from './inputs.ts';

// As the command's own thread does: the parser's type-stripped code comes from Node's compile cache.
enableCompileCache();
const { readFileDocuments } = await import('./inputs.ts');

parentPort?.on('message', ({ index, file }: { index: number; file: InputFile }) => {
  parentPort?.postMessage({ index, documents: readFileDocuments(file) });
});
