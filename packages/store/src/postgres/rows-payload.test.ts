import { describe, expect, it } from 'vitest';
import { generateArticles } from '../../test/generate-articles.ts';
import { batchLookups, type PreparedDocument, prepareRows } from '../batch-plan.ts';
import { encodeRows } from '../core/row-json.ts';
import { type ArticleRow, ROW_COLUMNS, rowJson, withIdentity } from '../stored-row.ts';
import { rowsPayload } from './rows-payload.ts';

const columns = (row: ArticleRow) => Object.fromEntries(ROW_COLUMNS.map((column) => [column, row[column]]));

describe('rowsPayload', () => {
  const articles = generateArticles(6, 31);
  const nothingStored = batchLookups([], [], [], []);

  it('is the JSON array of the rows, their columns only, made ahead or not', () => {
    const prepared = prepareRows(articles, nothingStored) as PreparedDocument[];
    // The first three come with their JSON, as from the row thread; the rest are written out here.
    encodeRows(prepared.slice(0, 3));
    const rows = prepared.map((document) => document.row);
    const payload = JSON.parse(rowsPayload(rows, prepared).toString('utf8')) as unknown[];
    expect(payload).toEqual(rows.map(columns));
    expect(Object.keys(payload[0] as object)).toEqual([...ROW_COLUMNS]);
    expect(JSON.parse(rowsPayload([], prepared).toString('utf8'))).toEqual([]);
  });

  it('copies in the JSON made ahead for a row, and writes out a row planned under another identity', () => {
    const prepared = prepareRows(articles.slice(0, 2), nothingStored) as PreparedDocument[];
    encodeRows(prepared);
    const [first, second] = prepared as [PreparedDocument, PreparedDocument];
    // Bytes that are not what the row would give show that the made ones are taken as they are.
    const marked = { ...JSON.parse(rowJson(first.row)), title: 'made ahead' };
    first.json = { row: new TextEncoder().encode(JSON.stringify(marked)), appended: [] };
    const renamed = withIdentity(second.row, 'another-id', 'another-slug');
    const payload = JSON.parse(rowsPayload([first.row, renamed], prepared).toString('utf8')) as {
      id: string;
      slug: string;
      title: string;
    }[];
    expect(payload[0]?.title).toBe('made ahead');
    expect(payload[1]).toEqual(columns(renamed));
    expect([payload[1]?.id, payload[1]?.slug]).toEqual(['another-id', 'another-slug']);
  });
});
