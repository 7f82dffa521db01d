import { transcode } from 'node:buffer';

// V8 encodes a two-byte string to UTF-8 one character at a time; copied out as UTF-16 and transcoded,
// a line of Arabic JSON takes half the time. Short texts are not worth the two copies.
const TRANSCODED_FROM = 256;
// The UTF-16 copy's buffer is kept for texts up to this many code units; longer ones get their own.
const KEPT_UNITS = 1 << 20;
let scratch = Buffer.alloc(0);

/**
 * Writes `text` as UTF-8 into `into` at `at`, which has room for three bytes a code unit, and returns
 * how many bytes it took. A lone surrogate becomes U+FFFD, as `Buffer.write` makes it.
 */
export function writeUtf8(text: string, into: Buffer, at: number): number {
  if (text.length >= TRANSCODED_FROM) {
    let units = scratch;
    if (units.length < text.length * 2) {
      units = Buffer.allocUnsafe(
        Math.max(text.length * 2, Math.min(KEPT_UNITS * 2, Math.max(units.length * 2, 1 << 16))),
      );
      if (units.length <= KEPT_UNITS * 2) scratch = units;
    }
    const written = units.write(text, 0, 'utf16le');
    let bytes: Buffer | null = null;
    try {
      bytes = transcode(units.subarray(0, written), 'utf16le', 'utf8');
    } catch {
      // Transcoding refuses a lone surrogate: left to `Buffer.write` below.
    }
    if (bytes !== null) {
      into.set(bytes, at);
      return bytes.length;
    }
  }
  return into.write(text, at);
}
