// The thread that analyses the text of the articles a store is about to write, and of the articles
// appended to them: the shadow search text, the story fingerprint and the stored document of each, most
// of the cost of a write, made here while the store writes the batch before.
import { parentPort } from 'node:worker_threads';
import { jobRows, type PreparedDocument, type RowJob } from '../batch-plan.ts';
import { encodeRows } from './row-json.ts';

export interface RowRequest {
  id: number;
  jobs: RowJob[];
  /** Whether the rows carry the story fingerprint. */
  stories: boolean;
  /** Whether the rows come with their JSON in UTF-8 too (see `PreparedDocument.json`). */
  json: boolean;
}

export type RowReply = { id: number; rows: PreparedDocument[] } | { id: number; error: string };

const port = parentPort;
port?.on('message', ({ id, jobs, stories, json }: RowRequest) => {
  let reply: RowReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const rows = jobs.map((job) => jobRows(job, stories));
    if (json) transfer.push(encodeRows(rows));
    reply = { id, rows };
  } catch (error) {
    reply = { id, error: (error as Error).message };
    transfer.length = 0;
  }
  port.postMessage(reply, transfer);
});
