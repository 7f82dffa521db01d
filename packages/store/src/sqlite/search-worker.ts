// A search thread of the embedded store: its own read-only connection to the database file, answering
// the searches the store posts to it, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { StoreError } from '../errors.ts';
import type { SearchQuery } from '../types.ts';
import { openDatabase } from './connection.ts';
import { sqliteSearch } from './search.ts';

export interface SearchThreadData {
  path: string;
  busyTimeoutMs: number;
}

export interface SearchRequest {
  id: number;
  query: SearchQuery;
}

export type SearchReply =
  | { id: number; page: ReturnType<ReturnType<typeof sqliteSearch>['search']> }
  | { id: number; error: { message: string; storeCode?: StoreError['code'] } };

const { path, busyTimeoutMs } = workerData as SearchThreadData;
const port = parentPort;
if (port) {
  const db = openDatabase(path, busyTimeoutMs, { readonly: true });
  const searcher = sqliteSearch(db);
  port.on('message', ({ id, query }: SearchRequest) => {
    let reply: SearchReply;
    try {
      reply = { id, page: searcher.search(query) };
    } catch (error) {
      reply = {
        id,
        error: {
          message: (error as Error).message,
          ...(error instanceof StoreError ? { storeCode: error.code } : {}),
        },
      };
    }
    port.postMessage(reply);
  });
}
