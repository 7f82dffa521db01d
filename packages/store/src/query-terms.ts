import { stemCandidates } from '@khabar/arabic';
import type { SearchPosition } from './cursor.ts';
import { isStopTerm } from './stopwords.ts';
import { surfaceWords } from './title-score.ts';

// More words than a reader types; it bounds the work a pasted page of text can cause.
const MAX_QUERY_WORDS = 16;

/**
 * Longer words are left out of a query: no language has such words, and PostgreSQL's full-text
 * search drops any over 2,047 bytes (1,023 Arabic letters) where SQLite's keeps them, so the stores
 * would answer the same query differently.
 */
export const MAX_QUERY_WORD_LENGTH = 500;

/**
 * What a reader typed, as one group of index terms per distinct word, in order: the word's
 * normalized, light-stemmed form (what the index holds for that spelling), then its other stem
 * candidates when it starts with ال (التحاق: تحاق as light stemming reads it, التحاق as the index
 * holds its forms with the article; see `stemCandidates`), then, for a word that starts with the
 * conjunction و, the candidates without it. Light stemming removes و only from words of four letters
 * or more and never before لل, so ومن, وفي, وبـ, ولل… would otherwise miss من, في, بـ, لل….
 * Whatever the input holds (quotes, `*`, `NEAR(`, `col:x`, SQL), only runs of letters and digits
 * survive.
 */
export function queryGroups(query: string): string[][] {
  const groups = new Map<string, string[]>();
  for (const word of surfaceWords(query)) {
    if (word.length > MAX_QUERY_WORD_LENGTH) continue;
    const candidates = stemCandidates(word);
    const stem = candidates[0] as string;
    if (groups.has(stem)) continue;
    const alternatives = new Set(candidates);
    if (word.startsWith('و') && word.length >= 2) {
      for (const candidate of stemCandidates(word.slice(1))) alternatives.add(candidate);
    }
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

// Bounds the terms of one relaxed level's query (each group of each subset counted): the levels of a
// query of four words hold 12 and 12, of eight words 56 and 168; longer queries relax less deeply.
const MAX_RELAXED_TERMS = 256;

/**
 * The relaxed levels of a query whose strict match finds too little: level k lists every way of
 * leaving k of the groups out (the subsets of the others, in order), for k = 1, 2… while at least
 * half of the groups, rounded up, remain (minimum should match) and the level's query stays within
 * a bound of terms. An article in level k matches all the groups of one of its subsets.
 */
export function relaxedLevels(groups: readonly string[][]): string[][][][] {
  const levels: string[][][][] = [];
  const least = Math.ceil(groups.length / 2);
  for (let kept = groups.length - 1; kept >= least; kept--) {
    const subsets = subsetsOf(groups, kept);
    const terms = subsets.reduce((sum, subset) => sum + subset.flat().length, 0);
    if (terms > MAX_RELAXED_TERMS) break;
    levels.push(subsets);
  }
  return levels;
}

/**
 * Whether a search adds relaxed levels: when the query has words that rank by text and the strict
 * matches after the cursor (`strictAfter`, counted up to one past the page) do not fill the page, or
 * when the cursor already stands among relaxed hits (whose scores are below zero, every full match's
 * above). Relaxed hits thus always follow the last full match, so paging gives the same hits in the
 * same order whatever size each page is.
 */
export function relaxes(
  required: RequiredGroups,
  strictAfter: number,
  limit: number,
  after: SearchPosition | null,
): boolean {
  if (!required.rankText || required.groups.length < 2) return false;
  return strictAfter <= limit || (after !== null && after.score < 0);
}

/** Every subset of `size` items, each in the items' order, in lexicographic order of positions. */
function subsetsOf<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  const subsets: T[][] = [];
  for (let first = 0; first + size <= items.length; first++) {
    for (const rest of subsetsOf(items.slice(first + 1), size - 1)) {
      subsets.push([items[first] as T, ...rest]);
    }
  }
  return subsets;
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

/** An FTS5 query matching every group of at least one of the subsets. */
export function ftsAnySubset(subsets: readonly string[][][]): string {
  return subsets.map((subset) => `(${ftsAllGroups(subset)})`).join(' OR ');
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

/** A PostgreSQL `to_tsquery` text matching every group of at least one of the subsets. */
export function tsAnySubset(subsets: readonly string[][][]): string {
  return subsets.map((subset) => `(${tsAllGroups(subset)})`).join(' | ');
}

/** A PostgreSQL `to_tsquery` text matching any of the terms. */
export function tsAnyTerm(terms: readonly string[]): string {
  return terms.map(quoteLexeme).join(' | ');
}

function quoteLexeme(term: string): string {
  return `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}
