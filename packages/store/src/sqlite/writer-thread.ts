import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import type { Article, IngestOutcome } from '@khabar/schema';
import type { PreparedRows } from '../batch-plan.ts';
import { StoreError } from '../errors.ts';
import { startWorker } from './search-threads.ts';
import type { WriteReply, WriteRequest, WriterThreadData } from './writer-worker.ts';
import { cutShort, WriteState } from './writes.ts';

// Next to this module in the sources, next to the bundle once built.
const workerFile = new URL(
  import.meta.url.endsWith('.ts') ? './writer-worker.ts' : './writer-worker.js',
  import.meta.url,
);

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

interface Job {
  request: DistributiveOmit<WriteRequest, 'id'>;
  resolve: (result: never) => void;
  reject: (error: Error) => void;
  signal: AbortSignal | undefined;
  /** Whether the caller has its answer (it may have had it before the thread replied: cut short). */
  settled: boolean;
  stopListening: () => void;
}

/**
 * The thread that makes the store's writes, with a connection of its own. Writes wait here in order
 * and go to the thread one at a time. A caller's `AbortSignal` takes a write out of the queue, or
 * cuts short one waiting for the write lock or being written: the thread then rolls it back. A write
 * past the point of its commit is reported as stored, whatever the signal says (see `WriteGate`).
 */
export class WriterThread {
  readonly #data: WriterThreadData;
  readonly #state: Int32Array;
  readonly #queue: Job[] = [];
  #current: Job | null = null;
  #worker: Worker | null = null;
  #nextId = 0;
  #closed = false;
  /** Who waits for the write in hand to be answered (closing). */
  #whenIdle: (() => void)[] = [];

  constructor(path: string, busyTimeoutMs: number, pageCacheMiB: number, stories: boolean) {
    const state = new SharedArrayBuffer(4);
    this.#state = new Int32Array(state);
    this.#data = { path, busyTimeoutMs, pageCacheMiB, state, stories };
  }

  /**
   * `prepared`: the rows made ahead for the articles (see `articlesToWrite`), else made on the thread;
   * `defer`: the new articles' stories wait (see `WriteOptions.deferStories`).
   */
  upsertMany(
    articles: Article[],
    prepared: PreparedRows | undefined,
    signal?: AbortSignal,
    defer = false,
  ): Promise<IngestOutcome[]> {
    return this.#enqueue({ op: 'upsert', articles, prepared, defer }, signal);
  }

  /** Settles the deferred stories (see `SqliteWrites.settleStories`). */
  settleStories(): Promise<boolean> {
    return this.#enqueue({ op: 'settleStories' }, undefined);
  }

  delete(articleId: string, signal?: AbortSignal): Promise<boolean> {
    return this.#enqueue({ op: 'delete', articleId }, signal);
  }

  /** One step of compaction (see `SqliteWrites.compactStep`): true when more may be owed. */
  compactStep(): Promise<boolean> {
    return this.#enqueue({ op: 'compactStep' }, undefined);
  }

  /** Fails the writes still queued, cuts short the one in hand, then closes the thread's connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const job of this.#queue.splice(0)) this.#settle(job, closedError());
    const current = this.#current;
    if (current) this.#cancel(current, closedError());
    if (this.#current) await new Promise<void>((resolve) => this.#whenIdle.push(resolve));
    const worker = this.#worker;
    if (!worker) return;
    worker.ref();
    // Closing the connection on its own thread checkpoints what it wrote; then the thread goes.
    const closed = Promise.race([once(worker, 'message'), once(worker, 'exit')]);
    worker.postMessage({ id: this.#nextId++, op: 'close' } satisfies WriteRequest);
    await closed;
    this.#worker = null;
    await worker.terminate();
  }

  #enqueue<Result>(request: Job['request'], signal: AbortSignal | undefined): Promise<Result> {
    if (this.#closed) return Promise.reject(closedError());
    if (signal?.aborted) return Promise.reject(withCause(cutShort(), signal.reason));
    return new Promise<Result>((resolve, reject) => {
      const job: Job = {
        request,
        resolve: resolve as (result: never) => void,
        reject,
        signal,
        settled: false,
        stopListening: () => undefined,
      };
      if (signal) {
        const onAbort = () => this.#cancel(job, withCause(cutShort(), signal.reason));
        signal.addEventListener('abort', onAbort, { once: true });
        job.stopListening = () => signal.removeEventListener('abort', onAbort);
      }
      this.#queue.push(job);
      this.#next();
    });
  }

  /** A queued write leaves the queue; the one in hand is cut short unless its commit was claimed. */
  #cancel(job: Job, error: Error): void {
    const queued = this.#queue.indexOf(job);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      this.#settle(job, error);
    } else if (
      job === this.#current &&
      Atomics.compareExchange(this.#state, 0, WriteState.pending, WriteState.cancelled) === WriteState.pending
    ) {
      this.#settle(job, error);
    }
  }

  #next(): void {
    if (this.#current || this.#closed) return;
    const job = this.#queue.shift();
    if (!job) return;
    this.#current = job;
    Atomics.store(this.#state, 0, WriteState.pending);
    try {
      const worker = this.#worker ?? this.#start();
      // A thread with work keeps the process alive until it answers; an idle one does not.
      worker.ref();
      worker.postMessage({ ...job.request, id: this.#nextId++ } as WriteRequest);
    } catch (error) {
      // The thread would not start, or the articles cannot be sent to it: this write fails, the next goes.
      this.#done();
      this.#settle(
        job,
        new StoreError(
          'unavailable',
          `the write could not reach the writer thread: ${(error as Error).message}`,
        ),
      );
      this.#next();
    }
  }

  #start(): Worker {
    // V8's own heap sizes: a smaller young generation made ingest 15% slower, and a batch of 10,000
    // articles (`khabar ingest --batch 10000`) is held whole while it is written.
    const worker = startWorker(workerFile, this.#data);
    this.#worker = worker;
    worker.on('message', (reply: WriteReply) => {
      const job = this.#current;
      if (!job) return;
      this.#done();
      if ('result' in reply) this.#settle(job, null, reply.result);
      else
        this.#settle(
          job,
          reply.error.storeCode
            ? new StoreError(reply.error.storeCode, reply.error.message)
            : new Error(reply.error.message),
        );
      if (this.#queue.length === 0) worker.unref();
      this.#next();
    });
    // A thread that stops (it ran out of memory) fails the write in hand and is replaced on the next.
    const lost = (error: Error) => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      const job = this.#current;
      this.#done();
      if (job) {
        this.#settle(
          job,
          new StoreError(
            'unavailable',
            `the writer thread stopped (${error.message}); the write may or may not have been stored, and storing it again is safe`,
          ),
        );
      }
      this.#next();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    return worker;
  }

  #done(): void {
    this.#current = null;
    for (const resolve of this.#whenIdle.splice(0)) resolve();
  }

  #settle(job: Job, error: Error | null, result?: unknown): void {
    if (job.settled) return;
    job.settled = true;
    job.stopListening();
    if (error) job.reject(error);
    else job.resolve(result as never);
  }
}

function closedError(): StoreError {
  return new StoreError('unavailable', 'the store is closed');
}

function withCause(error: StoreError, cause: unknown): StoreError {
  if (cause !== undefined) error.cause = cause;
  return error;
}
