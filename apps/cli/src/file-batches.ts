import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ParseOptions } from '@khabar/parser';

/** A batch of files for the reading thread. */
export interface FileBatchRequest {
  id: number;
  paths: string[];
}

/** What a parsing thread makes of each file: its documents as JSON Lines, as `khabar parse` prints them. */
export interface ParseSettings {
  options: ParseOptions;
  pretty: boolean;
}

/** A batch of files for a parsing thread: their paths, and the names results give them. */
export interface ParseBatchRequest {
  id: number;
  paths: string[];
  names: string[];
}

/** The output lines of a batch, one file after the other in `buffer` (UTF-8): file `i` ends at `ends[i]`. */
export interface ParsedBatch {
  id: number;
  buffer: ArrayBuffer;
  ends: number[];
  /** Per file, whether one of its documents could not be read. */
  failed: boolean[];
}

/** The files of a batch, one after the other in `buffer`: file `i` ends at `ends[i]`. */
export interface FileBatch {
  id: number;
  buffer: ArrayBuffer;
  ends: number[];
  /** Per file, null when it was read, else why not (an error code such as ENOENT). */
  errors: (string | null)[];
}

/** One file's bytes, or why it could not be read. */
export type FileRead = { bytes: Buffer; reason: null } | { bytes: null; reason: string };

// Below this many files, starting a thread costs more than reading them here.
const THREAD_FROM = 64;
const BATCH_FILES = 64;
// Batches asked for ahead of the one being used: the thread keeps reading while the caller works.
const BATCHES_AHEAD = 4;
const YOUNG_GENERATION_MB = 48;

/** The files' contents, in the order given, in batches. */
export function readFiles(paths: readonly string[]): AsyncGenerator<FileRead[]> {
  return paths.length < THREAD_FROM ? readHere(paths) : readOnThread(paths);
}

function readBatchHere(paths: readonly string[]): FileRead[] {
  return paths.map((path) => {
    try {
      return { bytes: readFileSync(path), reason: null };
    } catch (error) {
      return { bytes: null, reason: errorCode(error) };
    }
  });
}

async function* readHere(paths: readonly string[]): AsyncGenerator<FileRead[]> {
  yield readBatchHere(paths);
}

/**
 * Reads batches of files on a worker thread, in order, while the caller uses the ones before. The
 * first batch is read here while the thread starts.
 */
async function* readOnThread(paths: readonly string[]): AsyncGenerator<FileRead[]> {
  const worker = new Worker(new URL('./file-batch-worker.ts', import.meta.url));
  const waiting = new Map<number, { resolve(batch: FileBatch): void; reject(error: Error): void }>();
  worker.on('message', (batch: FileBatch) => waiting.get(batch.id)?.resolve(batch));
  worker.on('error', (error) => {
    for (const promise of waiting.values()) promise.reject(error);
  });
  const count = Math.ceil(paths.length / BATCH_FILES);
  const request = (id: number) => {
    const batch = new Promise<FileBatch>((resolve, reject) => waiting.set(id, { resolve, reject }));
    // Awaited in turn below; this keeps a failure of a batch not yet awaited from going unhandled.
    batch.catch(() => {});
    const request: FileBatchRequest = { id, paths: paths.slice(id * BATCH_FILES, (id + 1) * BATCH_FILES) };
    worker.postMessage(request);
    return batch;
  };
  const pending: Promise<FileBatch>[] = [];
  let next = 1;
  try {
    while (next < count && pending.length < BATCHES_AHEAD) pending.push(request(next++));
    yield readBatchHere(paths.slice(0, BATCH_FILES));
    while (pending.length > 0) {
      const batch = await (pending.shift() as Promise<FileBatch>);
      waiting.delete(batch.id);
      if (next < count) pending.push(request(next++));
      yield filesOf(batch);
    }
  } finally {
    await worker.terminate();
  }
}

/**
 * Reads and parses files on `threads` worker threads, a batch of files at a time handed out in turn,
 * and gives the batches' output lines in the order given. The caller only writes them.
 */
export async function* parseFilesOnThreads(
  files: readonly { path: string; name: string }[],
  settings: ParseSettings,
  threads: number,
): AsyncGenerator<ParsedBatch> {
  const workers = Array.from(
    { length: threads },
    () =>
      new Worker(new URL('./file-batch-worker.ts', import.meta.url), {
        workerData: settings,
        // A larger young generation than a worker's default: parsing makes short-lived objects at a
        // high rate, and a small one is collected several times as often.
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      }),
  );
  const waiting = new Map<number, { resolve(batch: ParsedBatch): void; reject(error: Error): void }>();
  for (const worker of workers) {
    worker.on('message', (batch: ParsedBatch) => waiting.get(batch.id)?.resolve(batch));
    worker.on('error', (error) => {
      for (const promise of waiting.values()) promise.reject(error);
    });
  }
  const count = Math.ceil(files.length / BATCH_FILES);
  const request = (id: number) => {
    const batch = new Promise<ParsedBatch>((resolve, reject) => waiting.set(id, { resolve, reject }));
    batch.catch(() => {});
    const slice = files.slice(id * BATCH_FILES, (id + 1) * BATCH_FILES);
    const message: ParseBatchRequest = {
      id,
      paths: slice.map((file) => file.path),
      names: slice.map((file) => file.name),
    };
    (workers[id % threads] as Worker).postMessage(message);
    return batch;
  };
  const pending: Promise<ParsedBatch>[] = [];
  let next = 0;
  try {
    while (next < count && pending.length < threads * BATCHES_AHEAD) pending.push(request(next++));
    while (pending.length > 0) {
      const batch = await (pending.shift() as Promise<ParsedBatch>);
      waiting.delete(batch.id);
      if (next < count) pending.push(request(next++));
      yield batch;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The files of a batch, as views of its buffer. */
export function filesOf(batch: FileBatch): FileRead[] {
  let start = 0;
  return batch.ends.map((end, index) => {
    const reason = batch.errors[index] ?? null;
    const read: FileRead =
      reason === null
        ? { bytes: Buffer.from(batch.buffer, start, end - start), reason: null }
        : { bytes: null, reason };
    start = end;
    return read;
  });
}

/** The code of a file system error (ENOENT, EISDIR…), for the message that reports it. */
export function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error ? String(error.code) : 'read error';
}
