import { isStopTerm } from '../stopwords.ts';
import { combineHashes, hashString, mix32 } from './hash.ts';
import {
  BAND_COUNT,
  BAND_ROWS,
  MAX_SENTENCE_WORDS,
  MAX_SHINGLES,
  MIN_SENTENCE_SHINGLES,
  MIN_STORY_SHINGLES,
  SHINGLE_WORDS,
  SIGNATURE_LENGTH,
} from './parameters.ts';
import { type BodySentences, bodySentences } from './sentences.ts';

/**
 * What confirmation needs of an article, compact enough to keep beside it: its distinct shingles,
 * sorted, and for each sentence long enough to count, which of those shingles it holds.
 */
export interface StorySketch {
  /** Distinct shingle hashes of the whole body, ascending. */
  shingles: Uint32Array;
  /** One past the last entry of each countable sentence in `sentenceShingles`. */
  sentenceEnds: Uint32Array;
  /** For each countable sentence in turn, indexes into `shingles` of its shingles. */
  sentenceShingles: Uint16Array;
}

/** How much work a fingerprint took: bounded by the limits in parameters.ts, whatever the body. */
export interface FingerprintWork {
  /** Characters of the body read. */
  characters: number;
  /** Content words shingled. */
  words: number;
  /** Shingles hashed (repeats included). */
  shingles: number;
  /** Steps of the MinHash: one per distinct shingle and one per signature value. */
  minHashSteps: number;
}

/** An article's story fingerprint: its sketch, MinHash signature and LSH band keys. */
export interface StoryFingerprint {
  sketch: StorySketch;
  /** MinHash of the sketch's shingles; empty when the body is too short to join a story. */
  signature: Uint32Array;
  /**
   * One key per band, distinct by band (band × 2³² + hash of its rows): safe integers for an indexed
   * INTEGER / BIGINT column. Empty when the body is too short to join a story.
   */
  bandKeys: number[];
  work: FingerprintWork;
}

/** The fingerprint of a body (its paragraphs). Never throws; its work is bounded on any input. */
export function storyFingerprint(body: readonly string[]): StoryFingerprint {
  return fingerprintOf(bodySentences(body));
}

/** The fingerprint of a body already split into sentences (see `bodySentences`). */
export function fingerprintOf(read: BodySentences): StoryFingerprint {
  const content = contentSentences(read.sentences);
  const { sketch, hashed } = sketchOf(content.sentences);
  const eligible = isEligible(sketch);
  const signature = eligible ? minHash(sketch.shingles) : new Uint32Array(0);
  return {
    sketch,
    signature,
    bandKeys: bandKeys(signature),
    work: {
      characters: read.characters,
      words: content.words,
      shingles: hashed,
      minHashSteps: eligible ? sketch.shingles.length + SIGNATURE_LENGTH : 0,
    },
  };
}

/** The signature of a sketch, empty when it is not eligible: a stored sketch gives its band keys back. */
export function signatureOf(sketch: StorySketch): Uint32Array {
  return isEligible(sketch) ? minHash(sketch.shingles) : new Uint32Array(0);
}

/** Whether a sketch has enough text to join a story: short bodies (credits, one-liners) never do. */
export function isEligible(sketch: StorySketch): boolean {
  return sketch.shingles.length >= MIN_STORY_SHINGLES && sketch.sentenceEnds.length > 0;
}

/**
 * The content words of each sentence: function words left out (they make shingles every article
 * shares), a run of words without punctuation cut into pieces of MAX_SENTENCE_WORDS so that it
 * counts as several sentences, at most MAX_SHINGLES words in all.
 */
function contentSentences(sentences: readonly string[][]): { sentences: string[][]; words: number } {
  const content: string[][] = [];
  let words = 0;
  let current: string[] = [];
  for (const sentence of sentences) {
    for (const term of sentence) {
      if (words === MAX_SHINGLES) break;
      if (isStopTerm(term)) continue;
      current.push(term);
      words++;
      if (current.length === MAX_SENTENCE_WORDS) {
        content.push(current);
        current = [];
      }
    }
    if (current.length > 0) content.push(current);
    current = [];
    if (words === MAX_SHINGLES) break;
  }
  return { sentences: content, words };
}

/**
 * The shingles of each sentence (word n-grams that do not cross sentences, so reordering sentences
 * keeps them; a sentence shorter than SHINGLE_WORDS is one shingle), at most MAX_SHINGLES in all.
 */
// Scratch space for the shingles of one body, reused: fingerprints are made one at a time.
const occurrences = new Uint32Array(MAX_SHINGLES);

function sketchOf(sentences: readonly string[][]): { sketch: StorySketch; hashed: number } {
  const countable: number[] = [];
  let hashed = 0;
  for (const sentence of sentences) {
    if (hashed === MAX_SHINGLES) break;
    const start = hashed;
    const hashes = sentence.map(hashString);
    const count = Math.max(1, hashes.length - SHINGLE_WORDS + 1);
    for (let first = 0; first < count && hashed < MAX_SHINGLES; first++) {
      let shingle = hashes[first] as number;
      for (let offset = 1; offset < SHINGLE_WORDS && first + offset < hashes.length; offset++) {
        shingle = combineHashes(shingle, hashes[first + offset] as number);
      }
      occurrences[hashed++] = shingle;
    }
    if (hashed - start >= MIN_SENTENCE_SHINGLES) countable.push(start, hashed);
  }
  const shingles = distinctSorted(occurrences.subarray(0, hashed));
  const sentenceEnds = new Uint32Array(countable.length / 2);
  let entries = 0;
  for (let index = 0; index < countable.length; index += 2) {
    entries += (countable[index + 1] as number) - (countable[index] as number);
    sentenceEnds[index / 2] = entries;
  }
  const sentenceShingles = new Uint16Array(entries);
  let entry = 0;
  for (let index = 0; index < countable.length; index += 2) {
    for (let at = countable[index] as number; at < (countable[index + 1] as number); at++) {
      sentenceShingles[entry++] = positionOf(shingles, occurrences[at] as number);
    }
  }
  return { sketch: { shingles, sentenceEnds, sentenceShingles }, hashed };
}

function distinctSorted(values: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(values).sort();
  let kept = 0;
  for (let index = 0; index < sorted.length; index++) {
    if (index === 0 || sorted[index] !== sorted[kept - 1]) sorted[kept++] = sorted[index] as number;
  }
  return sorted.slice(0, kept);
}

/** The index of a value known to be in an ascending array. */
function positionOf(sorted: Uint32Array, value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

// One-permutation MinHash: one mixed hash of a shingle picks one of SIGNATURE_LENGTH bins, another
// competes for that bin's minimum with the rest; an empty bin takes the value of a bin chosen by a
// fixed probe sequence of its own index, so short texts still give full signatures and the signature
// depends only on the set. Linear in the shingles, where k hash functions would cost k times as much.
const BIN_SEED = 0x6b686272;
const VALUE_SEED = 0x73746f72;
const EMPTY = 0xffffffff;

/** The bin of a 32-bit hash: its fraction of 2³² scaled to the signature length. */
function binOf(hash: number): number {
  return Math.floor((hash / 2 ** 32) * SIGNATURE_LENGTH);
}

/** The MinHash signature of a set of shingle hashes; all EMPTY for an empty set. */
export function minHash(shingles: Uint32Array): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_LENGTH).fill(EMPTY);
  let filled = 0;
  for (const shingle of shingles) {
    const bin = binOf(mix32(shingle ^ BIN_SEED));
    // One bit short of 32, so that no value is mistaken for EMPTY.
    const value = mix32(shingle ^ VALUE_SEED) >>> 1;
    if (signature[bin] === EMPTY) filled++;
    if (value < (signature[bin] as number)) signature[bin] = value;
  }
  if (filled === 0 || filled === SIGNATURE_LENGTH) return signature;
  const binned = signature.slice();
  for (let bin = 0; bin < SIGNATURE_LENGTH; bin++) {
    if (binned[bin] === EMPTY) signature[bin] = binned[donorOf(binned, bin)] as number;
  }
  return signature;
}

/** The filled bin an empty one borrows from: probes from its own index, then a scan as a bound. */
function donorOf(binned: Uint32Array, bin: number): number {
  for (let attempt = 1; attempt <= 4 * SIGNATURE_LENGTH; attempt++) {
    const donor = binOf(mix32(Math.imul(bin + 1, 0x9e3779b1) + attempt));
    if (binned[donor] !== EMPTY) return donor;
  }
  let donor = (bin + 1) % SIGNATURE_LENGTH;
  while (binned[donor] === EMPTY) donor = (donor + 1) % SIGNATURE_LENGTH;
  return donor;
}

const BAND_SPAN = 2 ** 32;

/** The LSH band keys of a signature: BAND_COUNT bands of BAND_ROWS rows. */
export function bandKeys(signature: Uint32Array): number[] {
  if (signature.length !== SIGNATURE_LENGTH) return [];
  const keys: number[] = [];
  for (let band = 0; band < BAND_COUNT; band++) {
    let hash = signature[band * BAND_ROWS] as number;
    for (let row = 1; row < BAND_ROWS; row++)
      hash = combineHashes(hash, signature[band * BAND_ROWS + row] as number);
    keys.push(band * BAND_SPAN + hash);
  }
  return keys;
}
