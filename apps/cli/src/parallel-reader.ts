import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentResult } from '@khabar/parser';
import { type InputFile, readFileDocuments } from './inputs.ts';

// Below this many files, starting threads costs more than it saves.
const PARALLEL_FROM = 64;
// Files handed out ahead of the one being stored: enough to keep every thread busy, bounded in memory.
const AHEAD_PER_WORKER = 16;

/**
 * The documents of each file, in file order, read and parsed on worker threads (one per spare CPU)
 * while the caller stores the previous ones.
 */
export async function* readInParallel(files: readonly InputFile[]): AsyncGenerator<DocumentResult[]> {
  const threads = Math.max(1, availableParallelism() - 1);
  if (files.length < PARALLEL_FROM) {
    for (const file of files) yield readFileDocuments(file);
    return;
  }
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('./read-worker.ts', import.meta.url)),
  );
  const done = new Map<number, DocumentResult[]>();
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  for (const worker of workers) {
    worker.on('message', ({ index, documents }: { index: number; documents: DocumentResult[] }) => {
      done.set(index, documents);
      wake?.();
    });
    worker.on('error', (error) => {
      failure = error;
      wake?.();
    });
  }
  let sent = 0;
  const sendUpTo = (limit: number) => {
    for (; sent < Math.min(limit, files.length); sent++) {
      (workers[sent % threads] as Worker).postMessage({ index: sent, file: files[sent] });
    }
  };
  try {
    for (let next = 0; next < files.length; next++) {
      sendUpTo(next + threads * AHEAD_PER_WORKER);
      while (!done.has(next)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const documents = done.get(next) as DocumentResult[];
      done.delete(next);
      yield documents;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
