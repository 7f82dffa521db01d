import { setFlagsFromString } from 'node:v8';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { ArticleSummary, Page, SearchHit } from '@khabar/schema';
import { StoreError } from '../errors.ts';
import type { SearchQuery } from '../types.ts';
import type { SearchReply, SearchRequest, SearchThreadData } from './search-worker.ts';

// Next to this module in the sources, next to the bundle once built.
const workerFile = new URL(
  import.meta.url.endsWith('.ts') ? './search-worker.ts' : './search-worker.js',
  import.meta.url,
);

/**
 * This process's Node flags without those a worker cannot take: code given on the command line
 * (`-e`, `-p`) and its module type (`--input-type`). Workers otherwise inherit every flag.
 */
export function workerExecArgv(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index] as string;
    if (['-e', '--eval', '-p', '--print'].includes(flag)) index++;
    else if (!/^--(eval|print|input-type)(=|$)/.test(flag)) kept.push(flag);
  }
  return kept;
}

// Every thread that loads this TypeScript source strips its types with Node's stripper, which is
// WebAssembly calling into JavaScript. After a thousand calls V8 compiles a faster wrapper for each such
// call, and the code of those wrappers is shared by the process's threads: with threads starting and
// exiting all the while (a store's row, writer and search threads; many stores in one test process),
// a wrapper freed by one thread while another compiles one crashed the process in V8
// (SIGSEGV in WasmEngine::FreeDeadCode, in about one run in five of the SQLite store's tests). The
// wrappers are kept generic instead: a cost only while modules load.
let wrappersKeptGeneric = false;

function keepWasmWrappersGeneric(): void {
  if (wrappersKeptGeneric) return;
  wrappersKeptGeneric = true;
  setFlagsFromString('--wasm-wrapper-tiering-budget=2147483647');
}

/**
 * Starts a store thread with this process's flags, as far as a worker takes them. Node refuses V8
 * options (`--max-old-space-size`, `--expose-gc`, `--stack-size`) in a worker's `execArgv` and names
 * them in its error: the thread then starts without those.
 */
export function startWorker(file: URL, workerData: unknown, resourceLimits: ResourceLimits = {}): Worker {
  keepWasmWrappersGeneric();
  const inherited = workerExecArgv(process.execArgv);
  try {
    return new Worker(file, { workerData, execArgv: inherited, resourceLimits });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    const refused = new Set((/flags: (.*)$/.exec((error as Error).message)?.[1] ?? '').split(', '));
    const kept = inherited.filter((flag) => !refused.has(flag));
    // Should the message not name them, the thread starts with no flags at all.
    return new Worker(file, {
      workerData,
      execArgv: kept.length < inherited.length ? kept : [],
      resourceLimits,
    });
  }
}

// A search thread's own heap. Left to V8's defaults (sized for the whole machine), each thread kept
// a hundred MiB and more of garbage between collections under load; the titles it keeps for ranking
// take a few tens of MiB at most (200,000 titles). A search makes a few hundred KiB of short-lived
// objects: with 8 MiB of young generation rather than 16, the collector's threads took twice the CPU
// and a computed search 7–9% more in all.
const SEARCH_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 };

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (result: never) => void; reject: (error: Error) => void }>;
}

/**
 * Threads that each hold a read-only connection to the database file and answer searches and related
 * articles, so that these (milliseconds of CPU each) neither hold up the caller's thread nor wait for
 * one another while a core is free. A search goes to an idle thread, else to a new one while fewer than `count` run, else
 * to the thread with the fewest waiting. WAL lets them read while the
 * store's own connection writes; each statement sees every commit made before it started.
 */
export class SearchThreads {
  readonly #data: SearchThreadData;
  readonly #threads: (Thread | null)[];
  #nextId = 0;
  #closed = false;

  constructor(path: string, pageCacheMiB: number, count: number) {
    this.#data = { path, pageCacheMiB };
    this.#threads = Array.from({ length: count }, () => null);
  }

  search(query: SearchQuery): Promise<Page<SearchHit>> {
    return this.#ask({ op: 'search', query });
  }

  searchJson(query: SearchQuery): Promise<Uint8Array> {
    return this.#ask({ op: 'searchJson', query });
  }

  related(articleId: string, limit: number | undefined): Promise<ArticleSummary[]> {
    return this.#ask({ op: 'related', articleId, limit });
  }

  /** Starts every thread and has each read what ranking keeps of the newest `count` articles. */
  async warm(count: number): Promise<void> {
    if (this.#closed) throw new StoreError('unavailable', 'the store is closed');
    // Every thread started before any is asked, so that a thread failing to start leaves no request
    // behind unawaited.
    const started = this.#threads.map((thread, index) => thread ?? this.#start(index));
    await Promise.all(started.map((thread) => this.#askThread(thread, { op: 'warm', count })));
  }

  #ask<Result>(request: DistributiveOmit<SearchRequest, 'id'>): Promise<Result> {
    if (this.#closed) return Promise.reject(new StoreError('unavailable', 'the store is closed'));
    return this.#askThread(this.#leastBusy(), request);
  }

  #askThread<Result>(thread: Thread, request: DistributiveOmit<SearchRequest, 'id'>): Promise<Result> {
    const id = this.#nextId++;
    return new Promise<Result>((resolve, reject) => {
      thread.pending.set(id, { resolve: resolve as (result: never) => void, reject });
      // A thread with work keeps the process alive until it answers; an idle one does not.
      if (thread.pending.size === 1) thread.worker.ref();
      thread.worker.postMessage({ ...request, id } as SearchRequest);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const running = this.#threads.filter((thread): thread is Thread => thread !== null);
    this.#threads.fill(null);
    for (const thread of running) this.#fail(thread, new StoreError('unavailable', 'the store is closed'));
    await Promise.all(running.map((thread) => thread.worker.terminate()));
  }

  /** An idle thread if one is running, else a new one while there is room, else the least busy. */
  #leastBusy(): Thread {
    let best: Thread | null = null;
    let free = -1;
    for (let index = 0; index < this.#threads.length; index++) {
      const thread = this.#threads[index];
      if (!thread) {
        if (free < 0) free = index;
      } else if (!best || thread.pending.size < best.pending.size) {
        best = thread;
      }
    }
    if (best && (best.pending.size === 0 || free < 0)) return best;
    return this.#start(free);
  }

  #start(index: number): Thread {
    const worker = startWorker(workerFile, this.#data, SEARCH_THREAD_LIMITS);
    worker.unref();
    const thread: Thread = { worker, pending: new Map() };
    this.#threads[index] = thread;
    worker.on('message', (reply: SearchReply) => {
      const waiting = thread.pending.get(reply.id);
      if (!waiting) return;
      thread.pending.delete(reply.id);
      if (thread.pending.size === 0) worker.unref();
      if ('result' in reply) waiting.resolve(reply.result as never);
      else
        waiting.reject(
          reply.error.storeCode
            ? new StoreError(reply.error.storeCode, reply.error.message)
            : new Error(reply.error.message),
        );
    });
    // A thread that fails (its connection could not open, it ran out of memory) fails what it was
    // asked and is replaced on the next search.
    const lost = (error: Error) => {
      if (this.#threads[index] === thread) this.#threads[index] = null;
      this.#fail(thread, new StoreError('unavailable', `a search thread stopped: ${error.message}`));
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    return thread;
  }

  #fail(thread: Thread, error: Error): void {
    for (const waiting of thread.pending.values()) waiting.reject(error);
    thread.pending.clear();
    thread.worker.unref();
  }
}
