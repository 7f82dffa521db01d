// The thread that analyses the text of the articles a store is about to write, and of the articles
// appended to them: the shadow search text, the story fingerprint and the stored document of each, most
// of the cost of a write, made here while the store writes the batch before.
import { parentPort } from 'node:worker_threads';
import { jobRows, type PreparedDocument, type RowJob } from '../batch-plan.ts';

export interface RowRequest {
  id: number;
  jobs: RowJob[];
  /** Whether the rows carry the story fingerprint. */
  stories: boolean;
}

export type RowReply = { id: number; rows: PreparedDocument[] } | { id: number; error: string };

const port = parentPort;
port?.on('message', ({ id, jobs, stories }: RowRequest) => {
  let reply: RowReply;
  try {
    reply = { id, rows: jobs.map((job) => jobRows(job, stories)) };
  } catch (error) {
    reply = { id, error: (error as Error).message };
  }
  port.postMessage(reply);
});
