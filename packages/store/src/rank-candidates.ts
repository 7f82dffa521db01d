import type { SearchPosition } from './cursor.ts';
import { RELAXED_LEVEL_STEP } from './ranking.ts';
import { surfaceScorer, type TitleVocabulary, titleScorer } from './title-score.ts';

/** An article that matched a query, with what ranking it needs. */
export interface Candidate<Seq> {
  seq: Seq;
  id: string;
  /** The shadow title's terms (`titleTerms`), numbered by the ranker's vocabulary. */
  titleTerms: Int32Array;
  /** The title's words as normalization spells them (`surfaceWords`), numbered likewise. */
  titleWords: Int32Array;
  /**
   * The id of its story: hits of one story collapse to the best of them. A store that reads stories
   * only for the hits that need them leaves it out and gives it later (see `storiesWanted`).
   */
  story?: string | undefined;
  /** The store's text rank, higher is better. */
  textRank: number;
  /** How many of the query's words it may lack: 0 for a full match, k when found by relaxed level k. */
  missing?: number;
}

/** A ranked hit: its row, id, story and score. */
export interface RankedHit<Seq> {
  seq: Seq;
  id: string;
  story: string;
  score: number;
}

/** Whether a search gives one hit per story (its best-ranked article) or every matching article. */
export type Collapse = 'story' | 'none';

/**
 * The candidates of one query, each scored once as it comes (scaled text rank plus title score, within
 * its level), then ordered by score and id. A search adds the strict window's candidates, then each
 * relaxed level's, and asks for the page after each: the scores already made are kept.
 *
 * Collapsed by story, only the best hit of each story is ranked: decided over every candidate, before
 * the cursor is applied, so that each page agrees with the others on which article stands for a story
 * and a story a page showed never comes back on a later one. A deeper relaxed level only adds hits
 * below every hit of the levels before it, so adding one never changes a story's best hit.
 *
 * Titles come numbered by a vocabulary (`TitleVocabulary`); the query's words are numbered by the same
 * one when the ranker is made.
 */
export class CandidateRanker<Seq> {
  readonly #titleScore: (titleTerms: Int32Array) => number;
  readonly #surfaceScore: (titleWords: Int32Array) => number;
  readonly #textRankScale: number;
  readonly #collapse: Collapse;
  readonly #hits: ScoredHit<Seq>[] = [];
  // The hits in rank order: sorted again only after candidates were added.
  #sorted: ScoredHit<Seq>[] | null = null;

  constructor(
    vocabulary: TitleVocabulary,
    groups: readonly (readonly string[])[],
    textRankScale: number,
    queryWords: readonly string[] = [],
    collapse: Collapse = 'none',
  ) {
    this.#titleScore = titleScorer(groups, vocabulary);
    this.#surfaceScore = surfaceScorer(queryWords, vocabulary);
    this.#textRankScale = textRankScale;
    this.#collapse = collapse;
  }

  add(candidate: Candidate<Seq>): void {
    const score =
      this.#textRankScale * candidate.textRank +
      this.#titleScore(candidate.titleTerms) +
      this.#surfaceScore(candidate.titleWords);
    this.#hits.push({
      seq: candidate.seq,
      id: candidate.id,
      story: candidate.story,
      score: levelScore(score, candidate.missing ?? 0),
    });
    this.#sorted = null;
  }

  /**
   * The rows whose story `ranked(after, count)` needs and no candidate gave: every hit down to the
   * `count`th story after the cursor (a hit of unknown story counted as a story of its own), then as
   * many more of the hits after, which a story shared by those above would bring in. Empty when the
   * page is known, and always when not collapsed.
   */
  storiesWanted(after: SearchPosition | null, count: number): Seq[] {
    if (this.#collapse === 'none') return [];
    const wanted: Seq[] = [];
    const stories = new Set<string>();
    let following = 0;
    let spare = count;
    for (const hit of this.#order()) {
      if (following >= count && (wanted.length === 0 || spare === 0)) break;
      if (hit.story === undefined) {
        wanted.push(hit.seq);
        if (following >= count) spare--;
      } else if (stories.has(hit.story)) continue;
      else stories.add(hit.story);
      if (follows(hit, after)) following++;
    }
    return wanted;
  }

  /** Gives the hits of the `wanted` rows their stories; a row without one stored stands for itself. */
  setStories(wanted: readonly Seq[], stories: ReadonlyMap<Seq, string>): void {
    const rows = new Set(wanted);
    for (const hit of this.#hits) {
      if (hit.story === undefined && rows.has(hit.seq)) hit.story = stories.get(hit.seq) ?? hit.id;
    }
  }

  /** The `count` hits that follow the cursor position, best first (one per story when collapsed). */
  ranked(after: SearchPosition | null, count: number): RankedHit<Seq>[] {
    const ranked: RankedHit<Seq>[] = [];
    const stories = new Set<string>();
    for (const hit of this.#order()) {
      if (ranked.length === count) break;
      const story = hit.story ?? hit.id;
      if (this.#collapse === 'story') {
        if (stories.has(story)) continue;
        stories.add(story);
      }
      if (follows(hit, after)) ranked.push({ seq: hit.seq, id: hit.id, story, score: hit.score });
    }
    return ranked;
  }

  #order(): ScoredHit<Seq>[] {
    this.#sorted ??= this.#hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.#sorted;
  }
}

/** A candidate as the ranker keeps it: scored, its story perhaps not known yet. */
interface ScoredHit<Seq> {
  seq: Seq;
  id: string;
  story: string | undefined;
  score: number;
}

/** Whether a hit comes after the cursor position in rank order. */
function follows(hit: { score: number; id: string }, after: SearchPosition | null): boolean {
  return !after || hit.score < after.score || (hit.score === after.score && hit.id > after.id);
}

/**
 * Scores the candidates, orders them by score then id, and returns the `count` that follow the cursor
 * position, one per story when `collapse` is `story` (see `CandidateRanker`). Both stores rank with
 * this, so a score means the same in each, and the cursor compares exactly the numbers it was made from.
 */
export function rankCandidates<Seq>(
  vocabulary: TitleVocabulary,
  candidates: readonly Candidate<Seq>[],
  groups: readonly (readonly string[])[],
  textRankScale: number,
  after: SearchPosition | null,
  count: number,
  queryWords: readonly string[] = [],
  collapse: Collapse = 'none',
): RankedHit<Seq>[] {
  const ranker = new CandidateRanker<Seq>(vocabulary, groups, textRankScale, queryWords, collapse);
  for (const candidate of candidates) ranker.add(candidate);
  return ranker.ranked(after, count);
}

/** A hit's score within its level: full matches as they are, relaxed levels each below the last. */
export function levelScore(score: number, missing: number): number {
  if (missing === 0) return score;
  return Math.min(Math.max(score, 0), RELAXED_LEVEL_STEP - 1) - RELAXED_LEVEL_STEP * missing;
}
