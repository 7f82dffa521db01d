import type { ArticleSummary, Page } from '@khabar/schema';
import { decodeListCursor, encodeListCursor } from '../cursor.ts';
import { checkLimit, DEFAULT_LIST_SIZE } from '../limits.ts';
import { lowerBound, upperBound } from '../sort-key.ts';
import { SUMMARY_COLUMNS, type SummaryColumns, toSummary } from '../stored-row.ts';
import type { ListQuery } from '../types.ts';
import { type Dialect, Params, type Query } from './dialect.ts';
import type { Reader } from './read.ts';

/** The statement of a newest-first listing: one row more than the page, to tell whether another follows. */
export function listStatement(dialect: Dialect, query: ListQuery, limit: number): Query {
  const params = new Params(dialect);
  const conditions: string[] = [];
  if (query.tag !== undefined) {
    conditions.push(`seq IN (SELECT article_seq FROM article_tags WHERE tag = ${params.add(query.tag)})`);
  }
  if (query.agency !== undefined) conditions.push(`agency = ${params.add(query.agency)}`);
  if (query.publisher !== undefined) conditions.push(`publisher = ${params.add(query.publisher)}`);
  // Undated articles have the empty sort key, below every bound: a date range leaves them out.
  if (query.from !== undefined) conditions.push(`sort_at >= ${params.add(lowerBound(query.from))}`);
  if (query.to !== undefined) {
    conditions.push(`sort_at <> '' AND sort_at <= ${params.add(upperBound(query.to))}`);
  }
  if (query.cursor !== undefined) {
    const position = decodeListCursor(query.cursor);
    conditions.push(`(sort_at, id) < (${params.add(position.sortKey)}, ${params.add(position.id)})`);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return params.query(
    `SELECT ${SUMMARY_COLUMNS}, sort_at FROM articles ${where}
     ORDER BY sort_at DESC, id DESC LIMIT ${params.add(limit + 1)}`,
  );
}

/** A page of the newest articles that pass the query's filters, from its cursor on. */
export async function listArticles(
  { dialect, read }: Reader,
  query: ListQuery = {},
): Promise<Page<ArticleSummary>> {
  const limit = checkLimit(query.limit, DEFAULT_LIST_SIZE);
  const rows = await read<SummaryColumns & { sort_at: string }>(listStatement(dialect, query, limit));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor: rows.length > limit && last ? encodeListCursor({ sortKey: last.sort_at, id: last.id }) : null,
  };
}
