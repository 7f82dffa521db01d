import type { PreparedDocument } from '../batch-plan.ts';
import { rowJson } from '../stored-row.ts';

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
