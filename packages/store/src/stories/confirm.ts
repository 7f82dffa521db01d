import { isEligible, type StorySketch } from './fingerprint.ts';
import { COVER_MATCH, SENTENCE_MATCH, STORY_MATCH } from './parameters.ts';

/** The outcome of comparing two sketches sentence by sentence. */
export interface StoryMatch {
  /** Whether the two articles are one story. */
  confirmed: boolean;
  /** Countable sentences of the shorter body. */
  sentences: number;
  /** How many of them appear in the longer body. */
  appearing: number;
  /** Countable sentences of the longer body. */
  otherSentences: number;
  /** How many of them appear in the shorter body. */
  otherAppearing: number;
}

/** Thresholds of confirmation; the defaults are the ones chosen on the benchmark. */
export interface MatchThresholds {
  /** Share of a sentence's shingles found in the other body for the sentence to appear there. */
  sentence: number;
  /** Share of the shorter body's sentences that must be exceeded by those appearing in the longer. */
  story: number;
  /**
   * Share of the longer body's sentences that must appear in the shorter: a digest of many stories
   * holds each of them whole, and would otherwise chain them all into one.
   */
  cover: number;
}

export const DEFAULT_THRESHOLDS: MatchThresholds = {
  sentence: SENTENCE_MATCH,
  story: STORY_MATCH,
  cover: COVER_MATCH,
};

const NO_MATCH: StoryMatch = {
  confirmed: false,
  sentences: 0,
  appearing: 0,
  otherSentences: 0,
  otherAppearing: 0,
};

/**
 * Whether two articles are one story: most of the shorter body's sentences appear in the longer,
 * each possibly edited (a sentence appears when enough of its shingles are anywhere in the other
 * body, so reordering and dropping sentences, changed words, a new title and other credits do not
 * matter), and the shorter covers some of the longer. The shorter is the one with fewer countable
 * sentences, then fewer shingles; when both tie, the better direction counts, so the answer never
 * depends on the argument order.
 */
export function confirmStory(
  first: StorySketch,
  second: StorySketch,
  thresholds: MatchThresholds = DEFAULT_THRESHOLDS,
): StoryMatch {
  if (!isEligible(first) || !isEligible(second)) return NO_MATCH;
  const order = compareLength(first, second);
  const forward = containment(first, second, thresholds.sentence);
  const backward = containment(second, first, thresholds.sentence);
  if (order < 0 || (order === 0 && forward.appearing >= backward.appearing)) {
    return judge(forward, backward, thresholds);
  }
  return judge(backward, forward, thresholds);
}

function compareLength(first: StorySketch, second: StorySketch): number {
  return (
    first.sentenceEnds.length - second.sentenceEnds.length || first.shingles.length - second.shingles.length
  );
}

interface Containment {
  sentences: number;
  appearing: number;
}

function judge(shorter: Containment, longer: Containment, thresholds: MatchThresholds): StoryMatch {
  return {
    confirmed:
      shorter.appearing > thresholds.story * shorter.sentences &&
      longer.appearing >= thresholds.cover * longer.sentences,
    sentences: shorter.sentences,
    appearing: shorter.appearing,
    otherSentences: longer.sentences,
    otherAppearing: longer.appearing,
  };
}

/** How many of the inner body's countable sentences appear in the outer body. */
function containment(inner: StorySketch, outer: StorySketch, sentenceThreshold: number): Containment {
  const present = presentShingles(inner.shingles, outer.shingles);
  let appearing = 0;
  let start = 0;
  for (const end of inner.sentenceEnds) {
    let found = 0;
    for (let index = start; index < end; index++)
      found += present[inner.sentenceShingles[index] as number] as number;
    if (found >= sentenceThreshold * (end - start)) appearing++;
    start = end;
  }
  return { sentences: inner.sentenceEnds.length, appearing };
}

/** For each of `inner`'s shingles, 1 when `outer` has it too: one merge of two ascending lists. */
export function presentShingles(inner: Uint32Array, outer: Uint32Array): Uint8Array {
  const present = new Uint8Array(inner.length);
  let outerIndex = 0;
  for (let innerIndex = 0; innerIndex < inner.length; innerIndex++) {
    const shingle = inner[innerIndex] as number;
    while (outerIndex < outer.length && (outer[outerIndex] as number) < shingle) outerIndex++;
    if (outerIndex === outer.length) break;
    if (outer[outerIndex] === shingle) present[innerIndex] = 1;
  }
  return present;
}

/** Shingles two sketches share, over the size of their union (Jaccard) and of the smaller set. */
export function shingleOverlap(
  first: StorySketch,
  second: StorySketch,
): { jaccard: number; smaller: number } {
  const present = presentShingles(first.shingles, second.shingles);
  let shared = 0;
  for (const flag of present) shared += flag;
  const union = first.shingles.length + second.shingles.length - shared;
  const smaller = Math.min(first.shingles.length, second.shingles.length);
  return { jaccard: union === 0 ? 0 : shared / union, smaller: smaller === 0 ? 0 : shared / smaller };
}
