// Reads the batches of files it is sent, on its own thread, into one transferable buffer per batch:
// the thread that parses never waits on open, read or close.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { errorCode, type FileBatch, type FileBatchRequest } from './file-batches.ts';

const FIRST_CAPACITY = 1 << 20;

parentPort?.on('message', ({ id, paths }: FileBatchRequest) => {
  let buffer: Uint8Array<ArrayBuffer> = new Uint8Array(FIRST_CAPACITY);
  let used = 0;
  const ends: number[] = [];
  const errors: (string | null)[] = [];
  for (const path of paths) {
    let fd = -1;
    try {
      fd = openSync(path, 'r');
      // Room for the file as its size says, then read to the end in case it grew.
      buffer = withRoom(buffer, used, fstatSync(fd).size + 1);
      for (;;) {
        const read = readSync(fd, buffer, used, buffer.length - used, null);
        if (read === 0) break;
        used += read;
        if (used === buffer.length) buffer = withRoom(buffer, used, buffer.length);
      }
      errors.push(null);
    } catch (error) {
      errors.push(errorCode(error));
    } finally {
      if (fd >= 0) closeSync(fd);
    }
    ends.push(used);
  }
  const batch: FileBatch = { id, buffer: buffer.buffer, ends, errors };
  parentPort?.postMessage(batch, [buffer.buffer]);
});

function withRoom(buffer: Uint8Array<ArrayBuffer>, used: number, needed: number): Uint8Array<ArrayBuffer> {
  if (buffer.length - used >= needed) return buffer;
  const grown = new Uint8Array(Math.max(buffer.length * 2, used + needed));
  grown.set(buffer.subarray(0, used));
  return grown;
}
