import { STOP_TERMS } from '../stopwords.ts';
import { COMMON_SHINGLES } from './common-shingles.ts';
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
  /** Shingles hashed (repeats and common ones included). */
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
  const { sketch, words, hashed } = sketchOf(read.sentences);
  const eligible = isEligible(sketch);
  const signature = eligible ? minHash(sketch.shingles) : new Uint32Array(0);
  return {
    sketch,
    signature,
    bandKeys: bandKeys(signature),
    work: {
      characters: read.characters,
      words,
      shingles: hashed,
      minHashSteps: eligible ? sketch.shingles.length + SIGNATURE_LENGTH : 0,
    },
  };
}

/** Whether a sketch has enough text to join a story: short bodies (credits, one-liners) never do. */
export function isEligible(sketch: StorySketch): boolean {
  return sketch.shingles.length >= MIN_STORY_SHINGLES && sketch.sentenceEnds.length > 0;
}

/**
 * The hash of a shingle: its words' hashes chained in order (rotate, xor, multiply) and mixed once
 * at the end, a third of the work of mixing at every word.
 */
function shingleHash(words: Uint32Array, first: number, end: number): number {
  let hash = SHINGLE_SEED;
  for (let index = first; index < end; index++) {
    hash = Math.imul(((hash << 13) | (hash >>> 19)) ^ (words[index] as number), 0x9e3779b1);
  }
  return mix32(hash);
}

const SHINGLE_SEED = 0x73686e67;

// The common shingles as an open-addressing hash set of their hashes (zero marks an empty slot, and
// a common shingle whose hash is zero is remembered apart): a probe or two per shingle, where a Set
// of numbers this large would box most of them.
const COMMON_SLOTS = 4096;
let commonTable: Uint32Array | null = null;
let commonZero = false;

function commonShingleTable(): Uint32Array {
  if (commonTable !== null) return commonTable;
  const table = new Uint32Array(COMMON_SLOTS);
  const words = new Uint32Array(SHINGLE_WORDS);
  for (const line of COMMON_SHINGLES.split('\n')) {
    // A line holds the words of one shingle: SHINGLE_WORDS of them, or fewer for a short sentence.
    const terms = line.split(' ').filter((term) => term !== '');
    if (terms.length === 0 || terms.length > SHINGLE_WORDS) continue;
    terms.forEach((term, index) => {
      words[index] = hashString(term);
    });
    const hash = shingleHash(words, 0, terms.length);
    if (hash === 0) commonZero = true;
    else insertHash(table, hash);
  }
  commonTable = table;
  return table;
}

function insertHash(table: Uint32Array, hash: number): void {
  const mask = table.length - 1;
  let slot = hash & mask;
  while (table[slot] !== 0 && table[slot] !== hash) slot = (slot + 1) & mask;
  table[slot] = hash;
}

// The stop terms' hashes, as the common shingles': a term is known for a function word by the hash
// that shingling needs anyway, without hashing it again for a Set of strings. (A content word whose
// hash is a function word's is left out as one, in every article alike.)
const STOP_SLOTS = 1024;
let stopTable: Uint32Array | null = null;
let stopZero = false;

function isStopHash(hash: number): boolean {
  if (stopTable === null) {
    const table = new Uint32Array(STOP_SLOTS);
    for (const term of STOP_TERMS) {
      const termHash = hashString(term);
      if (termHash === 0) stopZero = true;
      else insertHash(table, termHash);
    }
    stopTable = table;
  }
  return hash === 0 ? stopZero : holdsHash(stopTable, hash);
}

/** Whether an open-addressing table of hashes (see `insertHash`) holds `hash`, not zero. */
function holdsHash(table: Uint32Array, hash: number): boolean {
  const mask = table.length - 1;
  let slot = hash & mask;
  for (let entry = table[slot] as number; entry !== 0; entry = table[slot] as number) {
    if (entry === hash) return true;
    slot = (slot + 1) & mask;
  }
  return false;
}

/** Whether a shingle is one of the common shingles, left out of sketches. */
function isCommonShingle(hash: number): boolean {
  const table = commonShingleTable();
  return hash === 0 ? commonZero : holdsHash(table, hash);
}

// Scratch space, reused: fingerprints are made one at a time and nothing here outlives a call.
// `pieceWords` holds the word hashes of the sentence being shingled, `occurrences` the shingles kept
// (repeats included) in body order, and `bounds` the start and end in `occurrences` of each
// countable sentence (one has at least MIN_SENTENCE_SHINGLES shingles). The rest serves the sort.
const pieceWords = new Uint32Array(MAX_SENTENCE_WORDS);
const occurrences = new Uint32Array(MAX_SHINGLES);
const bounds = new Uint32Array(2 * Math.ceil(MAX_SHINGLES / MIN_SENTENCE_SHINGLES));
const evenKeys = new Uint32Array(MAX_SHINGLES);
const oddKeys = new Uint32Array(MAX_SHINGLES);
const evenOrigins = new Uint32Array(MAX_SHINGLES);
const oddOrigins = new Uint32Array(MAX_SHINGLES);
const digitCounts = new Uint32Array(4 * 256);
const rankOf = new Uint16Array(MAX_SHINGLES);

interface SketchWork {
  sketch: StorySketch;
  words: number;
  hashed: number;
}

// Where `shinglePiece` has got to in the body at hand: shingles hashed, shingles kept in
// `occurrences`, entries used in `bounds`.
const HASHED = 0;
const KEPT = 1;
const COUNTABLE = 2;
const progress = new Uint32Array(3);

/**
 * The sketch of a body's sentences: their content words (function words left out: they make
 * shingles every article shares), a run of words without punctuation cut into pieces of
 * MAX_SENTENCE_WORDS so that it counts as several sentences; the shingles of each (word n-grams that
 * do not cross sentences, so reordering sentences keeps them; a sentence shorter than SHINGLE_WORDS
 * is one shingle), common shingles left out. At most MAX_SHINGLES words and shingles in all.
 */
function sketchOf(sentences: readonly (readonly string[])[]): SketchWork {
  progress.fill(0);
  let words = 0;
  for (let sentence = 0; sentence < sentences.length; sentence++) {
    const terms = sentences[sentence] as readonly string[];
    let length = 0;
    for (let index = 0; index < terms.length && words < MAX_SHINGLES; index++) {
      const hash = hashString(terms[index] as string);
      if (isStopHash(hash)) continue;
      pieceWords[length++] = hash;
      words++;
      if (length === MAX_SENTENCE_WORDS) {
        shinglePiece(length);
        length = 0;
      }
    }
    if (length > 0) shinglePiece(length);
    if (words === MAX_SHINGLES || progress[HASHED] === MAX_SHINGLES) break;
  }
  const kept = progress[KEPT] as number;
  const countable = progress[COUNTABLE] as number;
  const shingles = distinctSorted(kept);
  const sentenceEnds = new Uint32Array(countable / 2);
  let entries = 0;
  for (let index = 0; index < countable; index += 2) {
    entries += (bounds[index + 1] as number) - (bounds[index] as number);
    sentenceEnds[index / 2] = entries;
  }
  const sentenceShingles = new Uint16Array(entries);
  let entry = 0;
  for (let index = 0; index < countable; index += 2) {
    for (let at = bounds[index] as number; at < (bounds[index + 1] as number); at++) {
      sentenceShingles[entry++] = rankOf[at] as number;
    }
  }
  return { sketch: { shingles, sentenceEnds, sentenceShingles }, words, hashed: progress[HASHED] as number };
}

/** Shingles the `length` words in `pieceWords`, one sentence or piece of one. */
function shinglePiece(length: number): void {
  let hashed = progress[HASHED] as number;
  let kept = progress[KEPT] as number;
  const start = kept;
  const count = Math.max(1, length - SHINGLE_WORDS + 1);
  for (let first = 0; first < count && hashed < MAX_SHINGLES; first++) {
    const hash = shingleHash(pieceWords, first, Math.min(first + SHINGLE_WORDS, length));
    hashed++;
    if (!isCommonShingle(hash)) occurrences[kept++] = hash;
  }
  progress[HASHED] = hashed;
  progress[KEPT] = kept;
  if (kept - start >= MIN_SENTENCE_SHINGLES) {
    const countable = progress[COUNTABLE] as number;
    bounds[countable] = start;
    bounds[countable + 1] = kept;
    progress[COUNTABLE] = countable + 2;
  }
}

/**
 * The distinct values among the first `count` occurrences, ascending, in an array of their own;
 * `rankOf` then holds each occurrence's index in it. An LSD radix sort, a byte at a time, that
 * carries each value's place in `occurrences` along: linear, and no search for the ranks after.
 */
function distinctSorted(count: number): Uint32Array {
  digitCounts.fill(0);
  for (let index = 0; index < count; index++) {
    const value = occurrences[index] as number;
    countDigit(value & 0xff);
    countDigit(256 + ((value >>> 8) & 0xff));
    countDigit(512 + ((value >>> 16) & 0xff));
    countDigit(768 + (value >>> 24));
  }
  let keys = occurrences;
  let origins: Uint32Array | null = null;
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 256;
    const shift = pass * 8;
    let total = 0;
    for (let digit = base; digit < base + 256; digit++) {
      const digits = digitCounts[digit] as number;
      digitCounts[digit] = total;
      total += digits;
    }
    const nextKeys = pass % 2 === 0 ? evenKeys : oddKeys;
    const nextOrigins = pass % 2 === 0 ? evenOrigins : oddOrigins;
    for (let index = 0; index < count; index++) {
      const value = keys[index] as number;
      const digit = base + ((value >>> shift) & 0xff);
      const place = digitCounts[digit] as number;
      digitCounts[digit] = place + 1;
      nextKeys[place] = value;
      nextOrigins[place] = origins === null ? index : (origins[index] as number);
    }
    keys = nextKeys;
    origins = nextOrigins;
  }
  let distinct = 0;
  for (let index = 0; index < count; index++) {
    const value = keys[index] as number;
    if (distinct === 0 || value !== keys[distinct - 1]) keys[distinct++] = value;
    rankOf[(origins as Uint32Array)[index] as number] = distinct - 1;
  }
  return keys.slice(0, distinct);
}

function countDigit(digit: number): void {
  digitCounts[digit] = (digitCounts[digit] as number) + 1;
}

// One-permutation MinHash: one mixed hash of a shingle picks one of SIGNATURE_LENGTH bins, another
// competes for that bin's minimum with the rest; an empty bin takes the value of a bin chosen by a
// fixed probe sequence of its own index, so short texts still give full signatures and the signature
// depends only on the set. Linear in the shingles, where k hash functions would cost k times as much.
const BIN_SEED = 0x6b686272;
const VALUE_SEED = 0x73746f72;
const EMPTY = 0xffffffff;

/** The bin of a 32-bit hash: its top 16 bits scaled to the signature length, in integers. */
function binOf(hash: number): number {
  return ((hash >>> 16) * SIGNATURE_LENGTH) >>> 16;
}

/** The MinHash signature of a set of shingle hashes; all EMPTY for an empty set. */
export function minHash(shingles: Uint32Array): Uint32Array {
  const signature = new Uint32Array(SIGNATURE_LENGTH).fill(EMPTY);
  let filled = 0;
  for (let index = 0; index < shingles.length; index++) {
    const shingle = shingles[index] as number;
    const bin = binOf(mix32(shingle ^ BIN_SEED));
    // One bit short of 32, so that no value is mistaken for EMPTY.
    const value = mix32(shingle ^ VALUE_SEED) >>> 1;
    const current = signature[bin] as number;
    if (current === EMPTY) filled++;
    if (value < current) signature[bin] = value;
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
  const keys: number[] = new Array(BAND_COUNT);
  for (let band = 0; band < BAND_COUNT; band++) {
    let hash = signature[band * BAND_ROWS] as number;
    for (let row = 1; row < BAND_ROWS; row++)
      hash = combineHashes(hash, signature[band * BAND_ROWS + row] as number);
    keys[band] = band * BAND_SPAN + hash;
  }
  return keys;
}
