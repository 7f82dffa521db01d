import { searchTerms } from '@khabar/arabic';

// More words than a reader types; it bounds the work a pasted page of text can cause.
const MAX_QUERY_TERMS = 16;

/**
 * The distinct normalized, light-stemmed terms of what a reader typed, in order. Whatever the input
 * holds (quotes, `*`, `NEAR(`, `col:x`, SQL), only runs of letters and digits survive.
 */
export function queryTerms(query: string): string[] {
  return [...new Set(searchTerms(query))].slice(0, MAX_QUERY_TERMS);
}

/** An FTS5 query matching every term: each one a quoted string, so none is read as syntax. */
export function ftsAllTerms(terms: readonly string[]): string {
  return terms.map(quoteFts).join(' ');
}

/** An FTS5 query matching any of the terms. */
export function ftsAnyTerm(terms: readonly string[]): string {
  return terms.map(quoteFts).join(' OR ');
}

function quoteFts(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** A PostgreSQL `to_tsquery` text matching any of the terms, each a quoted lexeme. */
export function tsAnyTerm(terms: readonly string[]): string {
  return terms.map((term) => `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`).join(' | ');
}
