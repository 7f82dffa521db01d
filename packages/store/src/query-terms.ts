import { lightStem, normalize } from '@khabar/arabic';
import { isStopTerm } from './stopwords.ts';

// More words than a reader types; it bounds the work a pasted page of text can cause.
const MAX_QUERY_WORDS = 16;
const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

/**
 * What a reader typed, as one group of index terms per distinct word, in order: the word's
 * normalized, light-stemmed form (what the index holds for that spelling), then, for a word that
 * starts with the conjunction و, the stem without it. Light stemming removes و only from words of
 * four letters or more and never before لل, so ومن, وفي, ولل… would otherwise miss من, في, لل….
 * Whatever the input holds (quotes, `*`, `NEAR(`, `col:x`, SQL), only runs of letters and digits
 * survive.
 */
export function queryGroups(query: string): string[][] {
  const groups = new Map<string, string[]>();
  for (const word of normalize(query).split(WORD_SEPARATOR)) {
    if (word.length === 0) continue;
    const stem = lightStem(word.toLowerCase());
    if (groups.has(stem)) continue;
    const alternatives = new Set([stem]);
    if (word.startsWith('و') && word.length >= 3) alternatives.add(lightStem(word.slice(1).toLowerCase()));
    groups.set(stem, [...alternatives]);
    if (groups.size === MAX_QUERY_WORDS) break;
  }
  return [...groups.values()];
}

/** The groups a hit must match, and whether ranking by text can tell hits apart. */
export interface RequiredGroups {
  groups: string[][];
  rankText: boolean;
}

/**
 * The groups a hit must match: every group but those of function words (في، من، التي…), which nearly
 * every article holds and which weigh nothing in a text rank, but cost the most to match and rank.
 * A query of function words only must match them all, and is not ranked by text.
 */
export function requiredGroups(groups: readonly string[][]): RequiredGroups {
  const content = groups.filter((group) => !group.some(isStopTerm));
  return content.length > 0 ? { groups: content, rankText: true } : { groups: [...groups], rankText: false };
}

/** Every term of the groups: the stems a highlight marks. */
export function groupStems(groups: readonly string[][]): Set<string> {
  return new Set(groups.flat());
}

/**
 * An FTS5 query matching every group (any term of it): each term a quoted string, so none is read as
 * syntax. FTS5 wants an explicit AND beside a parenthesized OR.
 */
export function ftsAllGroups(groups: readonly string[][]): string {
  return groups
    .map((group) =>
      group.length === 1 ? quoteFts(group[0] as string) : `(${group.map(quoteFts).join(' OR ')})`,
    )
    .join(' AND ');
}

/** An FTS5 query matching any of the terms. */
export function ftsAnyTerm(terms: readonly string[]): string {
  return terms.map(quoteFts).join(' OR ');
}

function quoteFts(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** A PostgreSQL `to_tsquery` text matching every group, each term a quoted lexeme. */
export function tsAllGroups(groups: readonly string[][]): string {
  return groups.map((group) => `(${group.map(quoteLexeme).join(' | ')})`).join(' & ');
}

/** A PostgreSQL `to_tsquery` text matching any of the terms. */
export function tsAnyTerm(terms: readonly string[]): string {
  return terms.map(quoteLexeme).join(' | ');
}

function quoteLexeme(term: string): string {
  return `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}
