import type { PreparedRows } from '../batch-plan.ts';
import { type ArticleRow, rowJson } from '../stored-row.ts';

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/**
 * The upsert's parameter: the JSON array of the rows to write (see `rowJson`), in UTF-8. A row made
 * ahead on the row thread brings its JSON (see `PreparedDocument.json`) and is only copied in; one
 * planned otherwise (a new id or slug, or made on this thread) is written out here. Sent as a buffer,
 * the parameter goes to the server in binary form, which for `json` is its text as it stands.
 */
export function rowsPayload(rows: readonly ArticleRow[], prepared: PreparedRows): Buffer {
  const made = new Map<ArticleRow, Uint8Array>();
  for (const document of prepared) {
    if (!document?.json) continue;
    made.set(document.row, document.json.row);
    for (const [index, row] of document.appended.entries()) {
      const json = document.json.appended[index];
      if (row !== null && json) made.set(row, json);
    }
  }
  const parts: Uint8Array[] = [OPEN];
  for (const [index, row] of rows.entries()) {
    if (index > 0) parts.push(COMMA);
    parts.push(made.get(row) ?? Buffer.from(rowJson(row)));
  }
  parts.push(CLOSE);
  return Buffer.concat(parts);
}
