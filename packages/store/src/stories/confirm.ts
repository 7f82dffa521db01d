import { isEligible, type StorySketch } from './fingerprint.ts';
import {
  COVER_MATCH,
  MAX_SHINGLES,
  SENTENCE_MATCH,
  STORY_MATCH,
  STORY_SHINGLE_MATCH,
  STORY_TIE_SENTENCES,
} from './parameters.ts';

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
  /**
   * Share of the shorter body's sentences that must be exceeded by those appearing in the longer
   * (or reached, once STORY_TIE_SENTENCES of them appear; or else those appearing hold
   * STORY_SHINGLE_MATCH of its shingles).
   */
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
 * depends on the argument order. The work is one merge of the two shingle lists and one pass over
 * each sketch's sentences.
 */
export function confirmStory(
  first: StorySketch,
  second: StorySketch,
  thresholds: MatchThresholds = DEFAULT_THRESHOLDS,
): StoryMatch {
  if (!isEligible(first) || !isEligible(second)) return NO_MATCH;
  const firstPresent = flags(0, first.shingles.length);
  const secondPresent = flags(1, second.shingles.length);
  markShared(first.shingles, second.shingles, firstPresent, secondPresent);
  const forward = containment(first, firstPresent, thresholds.sentence);
  const backward = containment(second, secondPresent, thresholds.sentence);
  const order = compareLength(first, second);
  const better = forward.appearing - backward.appearing || forward.appearingShare - backward.appearingShare;
  if (order < 0 || (order === 0 && better >= 0)) return judge(forward, backward, thresholds);
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
  /** Share of the countable sentences' shingles held by the sentences that appear. */
  appearingShare: number;
}

function judge(shorter: Containment, longer: Containment, thresholds: MatchThresholds): StoryMatch {
  const needed = thresholds.story * shorter.sentences;
  const enough =
    shorter.appearing > needed ||
    (shorter.appearing >= STORY_TIE_SENTENCES && shorter.appearing >= needed) ||
    shorter.appearingShare >= STORY_SHINGLE_MATCH;
  return {
    confirmed: enough && longer.appearing >= thresholds.cover * longer.sentences,
    sentences: shorter.sentences,
    appearing: shorter.appearing,
    otherSentences: longer.sentences,
    otherAppearing: longer.appearing,
  };
}

/** How many of a body's countable sentences appear in the other, given which of its shingles it has. */
function containment(inner: StorySketch, present: Uint8Array, sentenceThreshold: number): Containment {
  const entries = inner.sentenceShingles;
  let appearing = 0;
  let appearingEntries = 0;
  let start = 0;
  for (let sentence = 0; sentence < inner.sentenceEnds.length; sentence++) {
    const end = inner.sentenceEnds[sentence] as number;
    let found = 0;
    for (let index = start; index < end; index++) found += present[entries[index] as number] as number;
    if (found >= sentenceThreshold * (end - start)) {
      appearing++;
      appearingEntries += end - start;
    }
    start = end;
  }
  const total = start;
  return {
    sentences: inner.sentenceEnds.length,
    appearing,
    appearingShare: total === 0 ? 0 : appearingEntries / total,
  };
}

// Flags of shared shingles for both sketches, reused from one comparison to the next: a store
// confirms candidates one at a time. A sketch holds at most MAX_SHINGLES shingles (a decoded one
// is refused beyond that); one made by hand with more gets flags of its own.
const scratch = [new Uint8Array(MAX_SHINGLES), new Uint8Array(MAX_SHINGLES)] as const;

/** Cleared flags for `count` shingles: the scratch array `which` when they fit in it. */
function flags(which: 0 | 1, count: number): Uint8Array {
  if (count > MAX_SHINGLES) return new Uint8Array(count);
  return scratch[which].fill(0, 0, count);
}

/** Flags, in one merge of two ascending lists, each shingle of either that the other has too. */
function markShared(
  first: Uint32Array,
  second: Uint32Array,
  firstPresent: Uint8Array,
  secondPresent: Uint8Array,
): void {
  let firstIndex = 0;
  let secondIndex = 0;
  while (firstIndex < first.length && secondIndex < second.length) {
    const firstValue = first[firstIndex] as number;
    const secondValue = second[secondIndex] as number;
    if (firstValue < secondValue) firstIndex++;
    else if (firstValue > secondValue) secondIndex++;
    else {
      firstPresent[firstIndex++] = 1;
      secondPresent[secondIndex++] = 1;
    }
  }
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
