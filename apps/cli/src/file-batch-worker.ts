// Reads the batches of files it is sent, on its own thread, into one transferable buffer per batch:
// the thread that parses never waits on open, read or close. Started with parse settings, it parses
// them too and sends their JSON Lines instead, so that several threads parse while the caller writes.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import {
  errorCode,
  type FileBatch,
  type FileBatchRequest,
  filesOf,
  type ParseBatchRequest,
  type ParseSettings,
} from './file-batches.ts';

const FIRST_CAPACITY = 1 << 20;

const settings = (workerData ?? null) as ParseSettings | null;
if (settings === null) {
  parentPort?.on('message', ({ id, paths }: FileBatchRequest) => {
    const { buffer, ends, errors } = readBatch(paths, new Uint8Array(FIRST_CAPACITY));
    const batch: FileBatch = { id, buffer: buffer.buffer, ends, errors };
    parentPort?.postMessage(batch, [buffer.buffer]);
  });
} else {
  // As the command's own thread does: the parser's type-stripped code comes from Node's compile cache.
  enableCompileCache();
  const { parseBatch } = await import('./inputs.ts');
  // Files are parsed where they were read, so one buffer serves batch after batch.
  let scratch = new Uint8Array(FIRST_CAPACITY);
  parentPort?.on('message', (request: ParseBatchRequest) => {
    const read = readBatch(request.paths, scratch);
    scratch = read.buffer;
    const batch = parseBatch(
      request,
      filesOf({ id: request.id, ...read, buffer: read.buffer.buffer }),
      settings,
    );
    parentPort?.postMessage(batch, [batch.buffer]);
  });
}

/** Reads the files one after the other into the buffer (grown as needed): file `i` ends at `ends[i]`. */
function readBatch(
  paths: readonly string[],
  start: Uint8Array<ArrayBuffer>,
): { buffer: Uint8Array<ArrayBuffer>; ends: number[]; errors: (string | null)[] } {
  let buffer = start;
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
  return { buffer, ends, errors };
}

function withRoom(buffer: Uint8Array<ArrayBuffer>, used: number, needed: number): Uint8Array<ArrayBuffer> {
  if (buffer.length - used >= needed) return buffer;
  const grown = new Uint8Array(Math.max(buffer.length * 2, used + needed));
  grown.set(buffer.subarray(0, used));
  return grown;
}
