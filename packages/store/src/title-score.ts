/**
 * How well a title answers a query, added to the text rank: a bonus when every query word (any term
 * of its group) is in the title, plus the share of the title's terms that the query names. Readers
 * often search for a headline they remember; among articles that share the words, the one whose title
 * is mostly those words is the likelier one. PostgreSQL computes the same in SQL (`title_score`).
 */
export function titleScore(searchTitle: string, groups: readonly (readonly string[])[]): number {
  const titleTerms = searchTitle.length === 0 ? [] : searchTitle.split(' ');
  const present = new Set(titleTerms);
  const wanted = new Set(groups.flat());
  const allPresent = groups.every((group) => group.some((term) => present.has(term)));
  const covered = titleTerms.filter((term) => wanted.has(term)).length;
  return (
    (allPresent ? TITLE_ALL_WORDS_BONUS : 0) +
    (TITLE_COVERAGE_WEIGHT * covered) / Math.max(1, titleTerms.length)
  );
}

/** Bonus for a title holding every query word: above the usual spread of text ranks, so such titles lead. */
export const TITLE_ALL_WORDS_BONUS = 10;
/** Weight of the share of the title the query covers. */
export const TITLE_COVERAGE_WEIGHT = 2;
