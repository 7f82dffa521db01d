// Reads and parses the files it is sent, on its own thread, so that the main thread only stores.
import { parentPort } from 'node:worker_threads';
import { type InputFile, readFileDocuments } from './inputs.ts';

parentPort?.on('message', ({ index, file }: { index: number; file: InputFile }) => {
  parentPort?.postMessage({ index, documents: readFileDocuments(file) });
});
