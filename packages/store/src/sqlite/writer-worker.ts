// The writer thread of the embedded store: its own connection to the database file, making the writes
// the store posts to it one at a time, so that waiting for the write lock or writing a large batch
// never holds up the thread that answers reads.
import { parentPort, workerData } from 'node:worker_threads';
import type { Article, IngestOutcome } from '@khabar/schema';
import type { PreparedRows } from '../batch-plan.ts';
import { StoreError } from '../errors.ts';
import { openDatabase, READ_BUSY_TIMEOUT_MS, storeError } from './connection.ts';
import { sqliteWrites, type WriteGate, WriteState } from './writes.ts';

export interface WriterThreadData {
  path: string;
  busyTimeoutMs: number;
  pageCacheMiB: number;
  /** One word shared with the store: the state of the write in hand (see `WriteState`). */
  state: SharedArrayBuffer;
  /** Whether writes keep stories (see `SqliteStoreOptions.stories`). */
  stories: boolean;
}

export type WriteRequest =
  | { id: number; op: 'upsert'; articles: Article[]; prepared: PreparedRows | undefined; defer: boolean }
  | { id: number; op: 'settleStories' }
  | { id: number; op: 'delete'; articleId: string }
  | { id: number; op: 'compactStep' }
  | { id: number; op: 'close' };

export type WriteReply =
  | { id: number; result: IngestOutcome[] | boolean | null }
  | { id: number; error: { message: string; storeCode?: StoreError['code'] } };

const { path, busyTimeoutMs, pageCacheMiB, state, stories } = workerData as WriterThreadData;
const port = parentPort;
if (port) {
  const word = new Int32Array(state);
  const gate: WriteGate = {
    lockWaitMs: busyTimeoutMs,
    cancelled: () => Atomics.load(word, 0) === WriteState.cancelled,
    claimCommit: () =>
      Atomics.compareExchange(word, 0, WriteState.pending, WriteState.committing) === WriteState.pending,
  };
  // Opening fails here only when the file went away or is damaged: each write then reports why.
  let opened: { db: ReturnType<typeof openDatabase>; writes: ReturnType<typeof sqliteWrites> } | Error;
  try {
    const db = openDatabase(path, { busyTimeoutMs: READ_BUSY_TIMEOUT_MS, pageCacheMiB });
    opened = { db, writes: sqliteWrites(db, stories) };
  } catch (error) {
    opened = error as Error;
  }
  port.on('message', (request: WriteRequest) => {
    const { id } = request;
    let reply: WriteReply;
    try {
      if (opened instanceof Error) throw opened;
      let result: IngestOutcome[] | boolean | null = null;
      if (request.op === 'upsert')
        result = opened.writes.upsertMany(request.articles, gate, request.prepared, request.defer);
      else if (request.op === 'settleStories') result = opened.writes.settleStories(gate);
      else if (request.op === 'delete') result = opened.writes.delete(request.articleId, gate);
      else if (request.op === 'compactStep') result = opened.writes.compactStep(gate);
      if (request.op === 'close') opened.db.close();
      reply = { id, result };
    } catch (caught) {
      const error = storeError(caught) as Error;
      reply = {
        id,
        error: {
          message: error.message,
          ...(error instanceof StoreError ? { storeCode: error.code } : {}),
        },
      };
    }
    port.postMessage(reply);
    if (request.op === 'close') port.close();
  });
}
