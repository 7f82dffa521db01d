/**
 * 32-bit hashing for shingles and band keys: FNV-1a over UTF-16 code units, finished with
 * murmur3's avalanche so that nearby inputs spread over all 32 bits. Not for anything adversarial:
 * a collision only costs a needless candidate, which confirmation then rejects.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** murmur3's finalizer: every input bit affects every output bit. */
export function mix32(value: number): number {
  let mixed = value | 0;
  mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return (mixed ^ (mixed >>> 16)) >>> 0;
}

/** The hash of a string, as an unsigned 32-bit integer. */
export function hashString(text: string): number {
  let hash = FNV_OFFSET;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), FNV_PRIME);
  }
  return mix32(hash);
}

/** The hash of an ordered pair of hashes: (a, b) and (b, a) differ. */
export function combineHashes(first: number, second: number): number {
  return mix32(Math.imul(first, 0x9e3779b1) ^ ((second << 13) | (second >>> 19)) ^ second);
}
