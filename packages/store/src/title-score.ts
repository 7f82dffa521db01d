import { lowerCase, normalize } from '@khabar/arabic';
/** Bonus for a title holding every query word: above the usual spread of text ranks, so such titles lead. */
export const TITLE_ALL_WORDS_BONUS = 10;
/** Weight of the share of the title the query covers. */
export const TITLE_COVERAGE_WEIGHT = 2;

/**
 * Numbers for the terms and words of titles. Ranking scores a few hundred titles a search, each kept
 * in memory among tens of thousands: as arrays of strings, each word a separate object, scoring was
 * bound by fetching them from memory, not by comparing them (70–80 ns a word). As numbers, a title is
 * one small array. A word keeps its number until `clear`; numbers from before a clear mean nothing
 * after it, so whoever keeps numbered titles drops them with it.
 */
export class TitleVocabulary {
  readonly #ids = new Map<string, number>();

  /** How many words are numbered. */
  get size(): number {
    return this.#ids.size;
  }

  /** The numbers of `words`, each word numbered the first time it is seen. */
  ids(words: readonly string[]): Int32Array {
    const ids = new Int32Array(words.length);
    for (let index = 0; index < words.length; index++) {
      const word = words[index] as string;
      let id = this.#ids.get(word);
      if (id === undefined) {
        id = this.#ids.size;
        this.#ids.set(word, id);
      }
      ids[index] = id;
    }
    return ids;
  }

  clear(): void {
    this.#ids.clear();
  }
}

/**
 * How well a title answers a query, added to the text rank: a bonus when every query word (any term
 * of its group) is in the title, plus the share of the title's terms that the query names. Readers
 * often search for a headline they remember; among articles that share the words, the one whose title
 * is mostly those words is the likelier one. The scorer is made once per query, with the vocabulary
 * that numbered the titles it will score (`titleTerms` of their shadow titles, numbered).
 */
export function titleScorer(
  groups: readonly (readonly string[])[],
  vocabulary: TitleVocabulary,
): (titleTerms: Int32Array) => number {
  // Each distinct query term's number, and the groups it belongs to.
  const groupsOf = new Map<number, number[]>();
  groups.forEach((group, index) => {
    for (const id of vocabulary.ids(group)) groupsOf.set(id, [...(groupsOf.get(id) ?? []), index]);
  });
  const termIds = Int32Array.from(groupsOf.keys());
  const termGroups = [...groupsOf.values()];
  const mayBeQueryTerm = idSieve(termIds);
  // Which groups a title holds, reset for each title: scoring is synchronous, so one array serves all.
  const present = new Uint8Array(groups.length);
  return (titleTerms) => {
    present.fill(0);
    let covered = 0;
    let groupsPresent = 0;
    for (let position = 0; position < titleTerms.length; position++) {
      const id = titleTerms[position] as number;
      if (!mayBeQueryTerm(id)) continue;
      const found = termIds.indexOf(id);
      if (found < 0) continue;
      covered++;
      for (const index of termGroups[found] as number[]) {
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
 * one they remember. Made once per query, with the vocabulary that numbered the titles' `surfaceWords`.
 */
export function surfaceScorer(
  queryWords: readonly string[],
  vocabulary: TitleVocabulary,
): (titleWords: Int32Array) => number {
  const wanted = Int32Array.from(new Set(vocabulary.ids(queryWords)));
  const mayBeWanted = idSieve(wanted);
  return (titleWords) => {
    if (wanted.length === 0) return 0;
    // Distinct words found: a word counts where it first appears in the title.
    let found = 0;
    for (let index = 0; index < titleWords.length; index++) {
      const id = titleWords[index] as number;
      if (mayBeWanted(id) && wanted.includes(id) && titleWords.indexOf(id) === index) found++;
    }
    return (TITLE_SURFACE_WEIGHT * found) / wanted.length;
  };
}

const SIEVE_SIZE = 1024;

/**
 * A test passing every one of `ids` and few others, by a table of their low bits: most title words
 * are none of the query's, and this tells so without searching the query's.
 */
function idSieve(ids: Int32Array): (id: number) => boolean {
  const table = new Uint8Array(SIEVE_SIZE);
  for (const id of ids) table[id & (SIEVE_SIZE - 1)] = 1;
  return (id) => table[id & (SIEVE_SIZE - 1)] === 1;
}
