import type { StorySketch } from '../stories/index.ts';

/** Where a sketch's three arrays are in its buffer: byte offset and length of each, in turn. */
const PLACES = 6;

/** Bytes counted for a sketch beside its buffer: the buffer's header and the cache's own upkeep. */
const OVERHEAD_BYTES = 128;

/**
 * The sketches of stored articles a writer has met, by article, each with the hash the store keeps
 * of it (see `sketchHash`): the store keeps no sketch, only its hash and band keys, and a sketch is
 * made again from the stored document when it is not here. A sketch is used only while the hash
 * stored for its article is the same, so a write by another process never leaves a stale one in use.
 * The least recently used go first once the sketches held pass `limitBytes`.
 *
 * A sketch is held as the one buffer its arrays are views of (a row's fingerprint, see
 * `rowFingerprint`), its hash and the places of its arrays in typed arrays of the cache's own, and
 * its arrays are made again as views when it is taken. Held as objects (the entry, the sketch, three
 * arrays and a boxed hash), an ingest of SaudiNewsNet kept some 180,000 objects more on the writer's
 * heap, each marked again by every full collection.
 */
export class SketchCache {
  /** The slot of each article's sketch, least recently used first (a Map keeps its order of setting). */
  readonly #slots = new Map<number, number>();
  #buffers: (ArrayBuffer | undefined)[] = [];
  #hashes = new Float64Array(0);
  #places = new Uint32Array(0);
  readonly #free: number[] = [];
  #bytes = 0;
  readonly #limitBytes: number;

  constructor(limitBytes = DEFAULT_LIMIT_BYTES) {
    this.#limitBytes = limitBytes;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The sketch of article `seq` if the one held has hash `hash`. */
  get(seq: number, hash: number): StorySketch | undefined {
    const slot = this.#slots.get(seq);
    if (slot === undefined || this.#hashes[slot] !== hash) return undefined;
    // Taken again: the newest in the map's order.
    this.#slots.delete(seq);
    this.#slots.set(seq, slot);
    const buffer = this.#buffers[slot] as ArrayBuffer;
    const places = this.#places;
    const at = PLACES * slot;
    return {
      shingles: new Uint32Array(buffer, places[at], places[at + 1]),
      sentenceEnds: new Uint32Array(buffer, places[at + 2], places[at + 3]),
      sentenceShingles: new Uint16Array(buffer, places[at + 4], places[at + 5]),
    };
  }

  set(seq: number, hash: number, sketch: StorySketch): void {
    this.delete(seq);
    const { buffer, offsets } = held(sketch);
    const bytes = buffer.byteLength + OVERHEAD_BYTES;
    if (bytes > this.#limitBytes) return;
    const slot = this.#slot();
    this.#buffers[slot] = buffer;
    this.#hashes[slot] = hash;
    const at = PLACES * slot;
    this.#places[at] = offsets[0];
    this.#places[at + 1] = sketch.shingles.length;
    this.#places[at + 2] = offsets[1];
    this.#places[at + 3] = sketch.sentenceEnds.length;
    this.#places[at + 4] = offsets[2];
    this.#places[at + 5] = sketch.sentenceShingles.length;
    this.#slots.set(seq, slot);
    this.#bytes += bytes;
    for (const [oldest] of this.#slots) {
      if (this.#bytes <= this.#limitBytes) break;
      this.delete(oldest);
    }
  }

  delete(seq: number): void {
    const slot = this.#slots.get(seq);
    if (slot === undefined) return;
    this.#slots.delete(seq);
    this.#bytes -= (this.#buffers[slot] as ArrayBuffer).byteLength + OVERHEAD_BYTES;
    this.#buffers[slot] = undefined;
    this.#free.push(slot);
  }

  /** A free slot, the arrays grown (doubled) when none is left. */
  #slot(): number {
    const free = this.#free.pop();
    if (free !== undefined) return free;
    const slot = this.#buffers.length;
    if (slot === this.#hashes.length) {
      const capacity = Math.max(64, 2 * slot);
      const hashes = new Float64Array(capacity);
      hashes.set(this.#hashes);
      this.#hashes = hashes;
      const places = new Uint32Array(PLACES * capacity);
      places.set(this.#places);
      this.#places = places;
    }
    this.#buffers.push(undefined);
    return slot;
  }
}

/**
 * The buffer a sketch's arrays are views of and their byte offsets in it; a sketch whose arrays are
 * not views of one buffer (one made by `storyFingerprint`) is copied into one.
 */
function held(sketch: StorySketch): { buffer: ArrayBuffer; offsets: [number, number, number] } {
  const { shingles, sentenceEnds, sentenceShingles } = sketch;
  const buffer = shingles.buffer;
  if (buffer instanceof ArrayBuffer && sentenceEnds.buffer === buffer && sentenceShingles.buffer === buffer) {
    return { buffer, offsets: [shingles.byteOffset, sentenceEnds.byteOffset, sentenceShingles.byteOffset] };
  }
  // 32-bit arrays first, then the 16-bit one: each view starts aligned to its element size.
  const packed = new ArrayBuffer(shingles.byteLength + sentenceEnds.byteLength + sentenceShingles.byteLength);
  new Uint32Array(packed, 0, shingles.length).set(shingles);
  new Uint32Array(packed, shingles.byteLength, sentenceEnds.length).set(sentenceEnds);
  const last = shingles.byteLength + sentenceEnds.byteLength;
  new Uint16Array(packed, last, sentenceShingles.length).set(sentenceShingles);
  return { buffer: packed, offsets: [0, shingles.byteLength, last] };
}

/**
 * 64 MiB: the sketches of about 38,000 articles of SaudiNewsNet's length (1.75 kB each, as counted
 * here: an ingest of the corpus ended holding 29,445 in 51.5 MB). The articles of one story
 * come within days of each other, so an ingest finds most candidates here; a miss costs one
 * document read and its sketch made again (about 0.15 ms for a SaudiNewsNet article).
 */
const DEFAULT_LIMIT_BYTES = 64 * 2 ** 20;
