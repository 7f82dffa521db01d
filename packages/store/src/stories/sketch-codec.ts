import type { StorySketch } from './fingerprint.ts';
import { mix32 } from './hash.ts';
import { MAX_SHINGLES, STORY_FINGERPRINT_VERSION } from './parameters.ts';

// Layout, little-endian: version (u8), shingle count (u32), sentence count (u32), sentence entry
// count (u32), then the shingles (u32 each), sentence ends (u32 each), sentence entries (u16 each).
const HEADER_BYTES = 13;

/** The sketch as bytes for a BLOB / BYTEA column: about 6 bytes per shingle. */
export function encodeSketch(sketch: StorySketch): Uint8Array {
  const { shingles, sentenceEnds, sentenceShingles } = sketch;
  const bytes = new Uint8Array(
    HEADER_BYTES + 4 * shingles.length + 4 * sentenceEnds.length + 2 * sentenceShingles.length,
  );
  const view = new DataView(bytes.buffer);
  view.setUint8(0, STORY_FINGERPRINT_VERSION);
  view.setUint32(1, shingles.length, true);
  view.setUint32(5, sentenceEnds.length, true);
  view.setUint32(9, sentenceShingles.length, true);
  let offset = HEADER_BYTES;
  for (const shingle of shingles) {
    view.setUint32(offset, shingle, true);
    offset += 4;
  }
  for (const end of sentenceEnds) {
    view.setUint32(offset, end, true);
    offset += 4;
  }
  for (const entry of sentenceShingles) {
    view.setUint16(offset, entry, true);
    offset += 2;
  }
  return bytes;
}

/**
 * The sketch stored as bytes, or null when they are not a sketch of this version (damaged, or
 * written with other parameters: the article's fingerprint is then to be computed again).
 */
export function decodeSketch(bytes: Uint8Array): StorySketch | null {
  if (bytes.length < HEADER_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint8(0) !== STORY_FINGERPRINT_VERSION) return null;
  const shingleCount = view.getUint32(1, true);
  const sentenceCount = view.getUint32(5, true);
  const entryCount = view.getUint32(9, true);
  if (shingleCount > MAX_SHINGLES) return null;
  if (bytes.length !== HEADER_BYTES + 4 * shingleCount + 4 * sentenceCount + 2 * entryCount) return null;
  let offset = HEADER_BYTES;
  const read = <T extends Uint32Array | Uint16Array>(target: T, width: 2 | 4): T => {
    for (let index = 0; index < target.length; index++) {
      target[index] = width === 4 ? view.getUint32(offset, true) : view.getUint16(offset, true);
      offset += width;
    }
    return target;
  };
  const sketch = {
    shingles: read(new Uint32Array(shingleCount), 4),
    sentenceEnds: read(new Uint32Array(sentenceCount), 4),
    sentenceShingles: read(new Uint16Array(entryCount), 2),
  };
  return isConsistent(sketch) ? sketch : null;
}

/** Shingles strictly ascending, sentence ends ascending up to the entry count, entries in range. */
function isConsistent({ shingles, sentenceEnds, sentenceShingles }: StorySketch): boolean {
  for (let index = 1; index < shingles.length; index++) {
    if ((shingles[index - 1] as number) >= (shingles[index] as number)) return false;
  }
  let previous = 0;
  for (const end of sentenceEnds) {
    if (end <= previous || end > sentenceShingles.length) return false;
    previous = end;
  }
  if (previous !== sentenceShingles.length) return false;
  return sentenceShingles.every((entry) => entry < shingles.length);
}

/**
 * A 53-bit hash of a sketch, all of it (shingles and sentences): what a store keeps to tell whether an
 * article's body still has the sketch it was compared with, without keeping the sketch. Two hashes
 * with different seeds, so that two different sketches share one with odds of about 2⁻⁵³.
 */
export function sketchHash({ shingles, sentenceEnds, sentenceShingles }: StorySketch): number {
  let high = HIGH_SEED ^ shingles.length;
  let low = LOW_SEED ^ sentenceEnds.length;
  const take = (value: number) => {
    high = Math.imul(((high << 13) | (high >>> 19)) ^ value, 0x9e3779b1);
    low = Math.imul(((low << 17) | (low >>> 15)) ^ value, 0x85ebca6b);
  };
  for (let index = 0; index < shingles.length; index++) take(shingles[index] as number);
  for (let index = 0; index < sentenceEnds.length; index++) take(sentenceEnds[index] as number);
  for (let index = 0; index < sentenceShingles.length; index++) take(sentenceShingles[index] as number);
  return (mix32(high) >>> 0) * 2 ** 21 + (mix32(low) >>> 11);
}

const HIGH_SEED = 0x736b6831;
const LOW_SEED = 0x736b6832;
