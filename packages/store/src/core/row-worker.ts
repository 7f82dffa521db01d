// The thread that analyses the text of the articles a store is about to write, and of the articles
// appended to them: the shadow search text, the story fingerprint and the stored document of each, most
// of the cost of a write, made here while the store writes the batch before.
import { parentPort } from 'node:worker_threads';
import { jobRows, type PreparedDocument, type RowJob } from '../batch-plan.ts';
import { rowJson } from '../stored-row.ts';

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

/**
 * Gives each document its rows' JSON (see `PreparedDocument.json`), all of them in one buffer, which
 * crosses to the caller's thread without a copy; returns the buffer.
 */
export function encodeRows(documents: PreparedDocument[]): ArrayBuffer {
  const texts: (string | null)[] = [];
  for (const document of documents) {
    texts.push(rowJson(document.row));
    for (const row of document.appended) texts.push(row === null ? null : rowJson(row));
  }
  let size = 0;
  for (const text of texts) if (text !== null) size += Buffer.byteLength(text);
  const buffer = new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  const encoder = new TextEncoder();
  let offset = 0;
  let next = 0;
  const encoded = (): Uint8Array | null => {
    const text = texts[next++] as string | null;
    if (text === null) return null;
    const { written } = encoder.encodeInto(text, bytes.subarray(offset));
    const view = bytes.subarray(offset, offset + written);
    offset += written;
    return view;
  };
  for (const document of documents) {
    const row = encoded() as Uint8Array;
    // One text per place of `appended`, null where it holds no row.
    document.json = { row, appended: document.appended.map(() => encoded()) };
  }
  return buffer;
}
