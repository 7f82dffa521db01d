import type { SearchPosition } from './cursor.ts';
import { titleScorer } from './title-score.ts';

/** An article that matched a query, with what ranking it needs. */
export interface Candidate<Seq> {
  seq: Seq;
  id: string;
  searchTitle: string;
  /** The store's text rank, higher is better. */
  textRank: number;
}

/** A ranked hit: its row, id and score. */
export interface RankedHit<Seq> {
  seq: Seq;
  id: string;
  score: number;
}

/**
 * Scores the candidates (scaled text rank plus title score), orders them by score then id, and returns
 * the `count` that follow the cursor position. Both stores rank with this, so a score means the same
 * in each, and the cursor compares exactly the numbers it was made from.
 */
export function rankCandidates<Seq>(
  candidates: readonly Candidate<Seq>[],
  groups: readonly (readonly string[])[],
  textRankScale: number,
  after: SearchPosition | null,
  count: number,
): RankedHit<Seq>[] {
  const titleScore = titleScorer(groups);
  return candidates
    .map((candidate) => ({
      seq: candidate.seq,
      id: candidate.id,
      score: textRankScale * candidate.textRank + titleScore(candidate.searchTitle),
    }))
    .filter((hit) => !after || hit.score < after.score || (hit.score === after.score && hit.id > after.id))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, count);
}
