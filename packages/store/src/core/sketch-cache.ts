import type { StorySketch } from '../stories/index.ts';

interface Cached {
  hash: number;
  sketch: StorySketch;
  bytes: number;
}

/** Bytes of a sketch held in memory, its arrays and their headers. */
function sizeOf(sketch: StorySketch): number {
  return (
    sketch.shingles.byteLength + sketch.sentenceEnds.byteLength + sketch.sentenceShingles.byteLength + 256
  );
}

/**
 * The sketches of stored articles a writer has met, by article, each with the hash the store keeps
 * of it (see `sketchHash`): the store keeps no sketch, only its hash and band keys, and a sketch is
 * made again from the stored document when it is not here. A sketch is used only while the hash
 * stored for its article is the same, so a write by another process never leaves a stale one in use.
 * The least recently used go first once the sketches held pass `limitBytes`.
 */
export class SketchCache {
  readonly #entries = new Map<number, Cached>();
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
    const cached = this.#entries.get(seq);
    if (cached === undefined || cached.hash !== hash) return undefined;
    // Taken again: the newest in the map's order.
    this.#entries.delete(seq);
    this.#entries.set(seq, cached);
    return cached.sketch;
  }

  set(seq: number, hash: number, sketch: StorySketch): void {
    this.delete(seq);
    const bytes = sizeOf(sketch);
    if (bytes > this.#limitBytes) return;
    this.#entries.set(seq, { hash, sketch, bytes });
    this.#bytes += bytes;
    for (const [oldest, cached] of this.#entries) {
      if (this.#bytes <= this.#limitBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= cached.bytes;
    }
  }

  delete(seq: number): void {
    const cached = this.#entries.get(seq);
    if (cached === undefined) return;
    this.#entries.delete(seq);
    this.#bytes -= cached.bytes;
  }
}

/**
 * 64 MiB: the sketches of about 28,000 articles of SaudiNewsNet's length. The articles of one story
 * come within days of each other, so an ingest finds most candidates here; a miss costs one
 * document read and its sketch made again (about 0.15 ms for a SaudiNewsNet article).
 */
const DEFAULT_LIMIT_BYTES = 64 * 2 ** 20;
