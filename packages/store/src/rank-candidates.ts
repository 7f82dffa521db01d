import type { SearchPosition } from './cursor.ts';
import { RELAXED_LEVEL_STEP } from './ranking.ts';
import { surfaceScorer, titleScorer } from './title-score.ts';

/** An article that matched a query, with what ranking it needs. */
export interface Candidate<Seq> {
  seq: Seq;
  id: string;
  searchTitle: string;
  /** The title's words as normalization spells them (`surfaceWords`). */
  titleWords: readonly string[];
  /** The store's text rank, higher is better. */
  textRank: number;
  /** How many of the query's words it may lack: 0 for a full match, k when found by relaxed level k. */
  missing?: number;
}

/** A ranked hit: its row, id and score. */
export interface RankedHit<Seq> {
  seq: Seq;
  id: string;
  score: number;
}

/**
 * The candidates of one query, each scored once as it comes (scaled text rank plus title score, within
 * its level), then ordered by score and id. A search adds the strict window's candidates, then each
 * relaxed level's, and asks for the page after each: the scores already made are kept.
 */
export class CandidateRanker<Seq> {
  readonly #titleScore: (searchTitle: string) => number;
  readonly #surfaceScore: (titleWords: readonly string[]) => number;
  readonly #textRankScale: number;
  readonly #hits: RankedHit<Seq>[] = [];

  constructor(
    groups: readonly (readonly string[])[],
    textRankScale: number,
    queryWords: readonly string[] = [],
  ) {
    this.#titleScore = titleScorer(groups);
    this.#surfaceScore = surfaceScorer(queryWords);
    this.#textRankScale = textRankScale;
  }

  add(candidate: Candidate<Seq>): void {
    const score =
      this.#textRankScale * candidate.textRank +
      this.#titleScore(candidate.searchTitle) +
      this.#surfaceScore(candidate.titleWords);
    this.#hits.push({
      seq: candidate.seq,
      id: candidate.id,
      score: levelScore(score, candidate.missing ?? 0),
    });
  }

  /** The `count` hits that follow the cursor position, best first. */
  ranked(after: SearchPosition | null, count: number): RankedHit<Seq>[] {
    return this.#hits
      .filter((hit) => !after || hit.score < after.score || (hit.score === after.score && hit.id > after.id))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, count);
  }
}

/**
 * Scores the candidates, orders them by score then id, and returns the `count` that follow the cursor
 * position (see `CandidateRanker`). Both stores rank with this, so a score means the same in each, and
 * the cursor compares exactly the numbers it was made from.
 */
export function rankCandidates<Seq>(
  candidates: readonly Candidate<Seq>[],
  groups: readonly (readonly string[])[],
  textRankScale: number,
  after: SearchPosition | null,
  count: number,
  queryWords: readonly string[] = [],
): RankedHit<Seq>[] {
  const ranker = new CandidateRanker<Seq>(groups, textRankScale, queryWords);
  for (const candidate of candidates) ranker.add(candidate);
  return ranker.ranked(after, count);
}

/** A hit's score within its level: full matches as they are, relaxed levels each below the last. */
export function levelScore(score: number, missing: number): number {
  if (missing === 0) return score;
  return Math.min(Math.max(score, 0), RELAXED_LEVEL_STEP - 1) - RELAXED_LEVEL_STEP * missing;
}
