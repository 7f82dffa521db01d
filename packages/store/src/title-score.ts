import { lowerCase, normalize } from '@khabar/arabic';
/** Bonus for a title holding every query word: above the usual spread of text ranks, so such titles lead. */
export const TITLE_ALL_WORDS_BONUS = 10;
/** Weight of the share of the title the query covers. */
export const TITLE_COVERAGE_WEIGHT = 2;

/**
 * How well a title answers a query, added to the text rank: a bonus when every query word (any term
 * of its group) is in the title, plus the share of the title's terms that the query names. Readers
 * often search for a headline they remember; among articles that share the words, the one whose title
 * is mostly those words is the likelier one. The scorer is made once per query: each term's groups are
 * looked up once, so scoring a title costs a map lookup per title term. `titleTerms` are the shadow
 * title's terms (`titleTerms`), split once by the store that keeps them.
 */
export function titleScorer(
  groups: readonly (readonly string[])[],
): (titleTerms: readonly string[]) => number {
  const groupsOf = new Map<string, number[]>();
  groups.forEach((group, index) => {
    for (const term of group) groupsOf.set(term, [...(groupsOf.get(term) ?? []), index]);
  });
  const mayBeQueryTerm = termSieve(groupsOf.keys());
  // Which groups a title holds, reset for each title: scoring is synchronous, so one array serves all.
  const present = new Uint8Array(groups.length);
  return (titleTerms) => {
    present.fill(0);
    let covered = 0;
    let groupsPresent = 0;
    for (const term of titleTerms) {
      if (!mayBeQueryTerm(term)) continue;
      const indexes = groupsOf.get(term);
      if (!indexes) continue;
      covered++;
      for (const index of indexes) {
        if (present[index] === 0) {
          present[index] = 1;
          groupsPresent++;
        }
      }
    }
    const allPresent = groupsPresent === groups.length;
    return (
      (allPresent ? TITLE_ALL_WORDS_BONUS : 0) +
      (TITLE_COVERAGE_WEIGHT * covered) / Math.max(1, titleTerms.length)
    );
  };
}

/** The terms of a stored shadow title (terms joined by single blanks). */
export function titleTerms(searchTitle: string): string[] {
  return searchTitle.length === 0 ? [] : searchTitle.split(' ');
}

const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;

/** A text's words as normalization spells them, lower-cased, before any stemming. */
export function surfaceWords(text: string): string[] {
  return normalize(text)
    .split(WORD_SEPARATOR)
    .filter((word) => word.length > 0)
    .map(lowerCase);
}

/** Weight of the share of the query's words that the title holds spelled as the reader typed them. */
export const TITLE_SURFACE_WEIGHT = 2;

/**
 * How closely a title holds the reader's own spelling: the share of the query's distinct words
 * (normalized, not stemmed) that are words of the title. Stems join الحريب and حريب, القرن and
 * بالقرن; among titles that share the stems, the one written as the reader wrote is likelier the
 * one they remember. Made once per query; `titleWords` are the title's `surfaceWords`.
 */
export function surfaceScorer(queryWords: readonly string[]): (titleWords: readonly string[]) => number {
  const wanted = new Set(queryWords);
  const mayBeWanted = termSieve(wanted);
  return (titleWords) => {
    if (wanted.size === 0) return 0;
    // Distinct words found: a word counts where it first appears in the title.
    let found = 0;
    for (let index = 0; index < titleWords.length; index++) {
      const word = titleWords[index] as string;
      if (mayBeWanted(word) && wanted.has(word) && titleWords.indexOf(word) === index) found++;
    }
    return (TITLE_SURFACE_WEIGHT * found) / wanted.size;
  };
}

const SIEVE_SIZE = 1024;

/**
 * A test passing every one of `terms` and few other words: by a table of their lengths and first and
 * last letters. Scoring a few hundred titles a search looks up each title word; most are none of the
 * query's, and this tells so without hashing the word.
 */
function termSieve(terms: Iterable<string>): (word: string) => boolean {
  const table = new Uint8Array(SIEVE_SIZE);
  for (const term of terms) table[sieveSlot(term)] = 1;
  return (word) => table[sieveSlot(word)] === 1;
}

function sieveSlot(word: string): number {
  if (word.length === 0) return 0;
  return (word.length * 31 + word.charCodeAt(0) * 7 + word.charCodeAt(word.length - 1)) & (SIEVE_SIZE - 1);
}
