import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Article } from '@khabar/schema';

// Chunks handed out ahead of the one being stored, per thread.
const AHEAD = 4;

/** The parsed articles of each chunk of `size` documents, in order, parsed on one thread per spare CPU. */
export async function* parseInParallel(texts: readonly string[], size: number): AsyncGenerator<Article[]> {
  const threads = Math.max(1, availableParallelism() - 1);
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('./parse-worker.ts', import.meta.url)),
  );
  const chunks = Math.ceil(texts.length / size);
  const done = new Map<number, Article[]>();
  let wake: (() => void) | null = null;
  for (const worker of workers) {
    worker.on('message', ({ index, articles }: { index: number; articles: Article[] }) => {
      done.set(index, articles);
      wake?.();
    });
  }
  let sent = 0;
  try {
    for (let next = 0; next < chunks; next++) {
      for (; sent < Math.min(chunks, next + threads * AHEAD); sent++) {
        (workers[sent % threads] as Worker).postMessage({
          index: sent,
          texts: texts.slice(sent * size, (sent + 1) * size),
        });
      }
      while (!done.has(next)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      yield done.get(next) as Article[];
      done.delete(next);
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** What one ingest took: wall time, and the CPU time of every thread of this process. */
export interface IngestTiming {
  wallMs: number;
  cpuMs: number;
}

/**
 * Parses and stores every document in chunks of `size`, as `khabar ingest` does (documents parsed on
 * other threads, one chunk written while the next is parsed, the new articles' stories deferred and
 * settled with the search index's compaction at the end), timing the whole. `seen` is given each
 * chunk's articles as they come.
 */
export async function ingestTimed(
  store: {
    upsertMany(articles: Article[], options?: { deferStories?: boolean }): Promise<unknown>;
    compact(): Promise<void>;
  },
  texts: readonly string[],
  size: number,
  seen: (articles: Article[]) => void = () => {},
): Promise<IngestTiming> {
  const begin = performance.now();
  const cpuBefore = process.cpuUsage();
  let writing: Promise<unknown> = Promise.resolve();
  for await (const batch of parseInParallel(texts, size)) {
    seen(batch);
    const previous = writing;
    // As `khabar ingest` writes: the stories of the new articles settled once, by `compact()`.
    writing = store.upsertMany(batch, { deferStories: true });
    writing.catch(() => undefined);
    await previous;
  }
  await writing;
  await store.compact();
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs: performance.now() - begin, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Runs `node <args>`, a benchmark script in its child mode, whose last line of output is the
 * `IngestTiming` of the one ingest it made: each ingest in a process of its own, as `khabar ingest`.
 */
export function ingestInChild(args: readonly string[]): IngestTiming {
  const output = execFileSync(process.execPath, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output.trim().split('\n').at(-1) as string) as IngestTiming;
}
