// A search thread of the embedded store: its own read-only connection to the database file, answering
// the searches and related-article lookups the store posts to it, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { ArticleSummary, Page, SearchHit } from '@khabar/schema';
import { StoreError } from '../errors.ts';
import { pageJson } from '../search-page.ts';
import type { SearchQuery } from '../types.ts';
import { openDatabase, READ_BUSY_TIMEOUT_MS } from './connection.ts';
import { sqliteSearch } from './search.ts';

export interface SearchThreadData {
  path: string;
  pageCacheMiB: number;
}

export type SearchRequest =
  | { id: number; op: 'search'; query: SearchQuery }
  | { id: number; op: 'searchJson'; query: SearchQuery }
  | { id: number; op: 'related'; articleId: string; limit: number | undefined }
  | { id: number; op: 'warm'; count: number };

export type SearchReply =
  | { id: number; result: Page<SearchHit> | ArticleSummary[] | Uint8Array | null }
  | { id: number; error: { message: string; storeCode?: StoreError['code'] } };

const { path, pageCacheMiB } = workerData as SearchThreadData;
const port = parentPort;
if (port) {
  // A connection that cannot open (the file went away or is damaged) answers every request with why.
  let searcher: ReturnType<typeof sqliteSearch> | Error;
  try {
    searcher = sqliteSearch(
      openDatabase(path, { readonly: true, busyTimeoutMs: READ_BUSY_TIMEOUT_MS, pageCacheMiB }),
    );
  } catch (error) {
    searcher = error as Error;
  }
  port.on('message', (request: SearchRequest) => {
    const { id } = request;
    let reply: SearchReply;
    // Bytes of JSON move to the store's thread without a copy.
    const transfer: ArrayBuffer[] = [];
    try {
      if (searcher instanceof Error) throw searcher;
      if (request.op === 'searchJson') {
        const bytes = pageJson(searcher.search(request.query));
        transfer.push(bytes.buffer);
        reply = { id, result: bytes };
      } else if (request.op === 'warm') {
        searcher.warm(request.count);
        reply = { id, result: null };
      } else {
        const result =
          request.op === 'search'
            ? searcher.search(request.query)
            : searcher.related(request.articleId, request.limit);
        reply = { id, result };
      }
    } catch (error) {
      reply = {
        id,
        error: {
          message: (error as Error).message,
          ...(error instanceof StoreError ? { storeCode: error.code } : {}),
        },
      };
    }
    port.postMessage(reply, transfer);
  });
}
