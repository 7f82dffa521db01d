import type { Worker } from 'node:worker_threads';
import type { Article } from '@khabar/schema';
import {
  type BatchLookups,
  jobRows,
  type PreparedDocument,
  type PreparedRows,
  preparedRows,
  prepareRows,
  type RowJob,
  rowJobs,
} from '../batch-plan.ts';
import { startWorker } from '../sqlite/search-threads.ts';
import type { RowReply, RowRequest } from './row-worker.ts';

// Next to this module in the sources, next to the bundle once built.
const workerFile = new URL(
  import.meta.url.endsWith('.ts') ? './row-worker.ts' : './row-worker.js',
  import.meta.url,
);

/** Batches this large have their rows made on the row thread; a smaller one, where it is written. */
export const ROWS_AHEAD_FROM = 32;

interface Pending {
  resolve: (rows: PreparedDocument[]) => void;
  reject: (error: unknown) => void;
  jobs: RowJob[];
  stories: boolean;
}

/**
 * Makes the rows of articles (see `toRow`) on a thread of its own, started on the first batch: the
 * thread that writes a batch is then free for the one before, and an ingest's three stages (parsing,
 * analysing, writing) each run on a thread. A thread that fails or stops leaves the work to the caller's
 * thread: rows are always made.
 */
export class RowThread {
  #worker: Worker | null = null;
  readonly #pending = new Map<number, Pending>();
  #nextId = 0;
  #closed = false;
  readonly #stories: boolean;
  readonly #json: boolean;

  /**
   * `stories` false makes rows without the story fingerprint (see `toRow`); `json` true has the thread
   * give each row its JSON as well (see `PreparedDocument.json`).
   */
  constructor(stories = true, json = false) {
    this.#stories = stories;
    this.#json = json;
  }

  /**
   * The rows of the articles of a batch that `hint` says will be written and of their appended articles
   * (see `rowJobs`), made on the thread for a batch of `ROWS_AHEAD_FROM` or more, else here.
   */
  async prepare(articles: readonly Article[], hint: BatchLookups): Promise<PreparedRows> {
    if (articles.length < ROWS_AHEAD_FROM) return prepareRows(articles, hint, this.#stories);
    const jobs = rowJobs(articles, hint);
    return preparedRows(articles, jobs, await this.rows(jobs));
  }

  /** The rows of `jobs` (see `jobRows`), in order. */
  rows(jobs: readonly RowJob[]): Promise<PreparedDocument[]> {
    if (jobs.length === 0) return Promise.resolve([]);
    let worker: Worker;
    try {
      worker = this.#start();
    } catch {
      return Promise.resolve(inline(jobs, this.#stories));
    }
    return new Promise<PreparedDocument[]>((resolve, reject) => {
      const id = this.#nextId++;
      const pending: Pending = { resolve, reject, jobs: [...jobs], stories: this.#stories };
      this.#pending.set(id, pending);
      worker.ref();
      try {
        worker.postMessage({
          id,
          jobs: pending.jobs,
          stories: this.#stories,
          json: this.#json,
        } satisfies RowRequest);
      } catch {
        this.#pending.delete(id);
        settleInline(pending);
      }
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    this.#worker = null;
    this.#failAll();
    if (worker) await worker.terminate();
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    if (this.#closed) throw new Error('closed');
    const worker = startWorker(workerFile, null);
    this.#worker = worker;
    worker.on('message', (reply: RowReply) => {
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      // A batch the thread could not analyse is analysed here, where its error reaches the caller.
      if ('rows' in reply) pending.resolve(reply.rows);
      else settleInline(pending);
      if (this.#pending.size === 0) worker.unref();
    });
    const lost = () => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#failAll();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    return worker;
  }

  /** The batches in hand are analysed on the caller's thread. */
  #failAll(): void {
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      settleInline(pending);
    }
  }
}

function settleInline(pending: Pending): void {
  try {
    pending.resolve(inline(pending.jobs, pending.stories));
  } catch (error) {
    pending.reject(error);
  }
}

function inline(jobs: readonly RowJob[], stories: boolean): PreparedDocument[] {
  return jobs.map((job) => jobRows(job, stories));
}
