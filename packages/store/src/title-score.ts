/** Bonus for a title holding every query word: above the usual spread of text ranks, so such titles lead. */
export const TITLE_ALL_WORDS_BONUS = 10;
/** Weight of the share of the title the query covers. */
export const TITLE_COVERAGE_WEIGHT = 2;

/**
 * How well a title answers a query, added to the text rank: a bonus when every query word (any term
 * of its group) is in the title, plus the share of the title's terms that the query names. Readers
 * often search for a headline they remember; among articles that share the words, the one whose title
 * is mostly those words is the likelier one. The scorer is made once per query: each term's groups are
 * looked up once, so scoring a title costs a split and a map lookup per title term.
 */
export function titleScorer(groups: readonly (readonly string[])[]): (searchTitle: string) => number {
  const groupsOf = new Map<string, number[]>();
  groups.forEach((group, index) => {
    for (const term of group) groupsOf.set(term, [...(groupsOf.get(term) ?? []), index]);
  });
  return (searchTitle) => {
    const titleTerms = searchTitle.length === 0 ? [] : searchTitle.split(' ');
    const present = new Uint8Array(groups.length);
    let covered = 0;
    for (const term of titleTerms) {
      const indexes = groupsOf.get(term);
      if (!indexes) continue;
      covered++;
      for (const index of indexes) present[index] = 1;
    }
    const allPresent = present.every((flag) => flag === 1);
    return (
      (allPresent ? TITLE_ALL_WORDS_BONUS : 0) +
      (TITLE_COVERAGE_WEIGHT * covered) / Math.max(1, titleTerms.length)
    );
  };
}
