import { transcode } from 'node:buffer';

// V8 encodes a two-byte string to UTF-8 one character at a time: copied out as UTF-16 and transcoded,
// a long Arabic text takes half the time. Shorter texts are not worth the two copies.
const TRANSCODED_FROM = 256;
// The copy's buffer is kept for texts up to this many code units; longer ones get their own.
const KEPT_UNITS = 1 << 20;
let scratch = Buffer.alloc(0);

/**
 * A text's UTF-8 bytes, a lone surrogate as U+FFFD (as `Buffer.from` gives them), transcoded from a
 * UTF-16 copy when the text is long. The parser hashes texts this way, and `khabar parse` encodes
 * its output lines.
 */
export function utf8Bytes(text: string): Uint8Array {
  if (text.length < TRANSCODED_FROM) return Buffer.from(text);
  let units = scratch;
  if (units.length < text.length * 2) {
    units = Buffer.allocUnsafe(
      Math.max(text.length * 2, Math.min(KEPT_UNITS * 2, Math.max(units.length * 2, 1 << 16))),
    );
    if (units.length <= KEPT_UNITS * 2) scratch = units;
  }
  const written = units.write(text, 0, 'utf16le');
  try {
    return transcode(units.subarray(0, written), 'utf16le', 'utf8');
  } catch {
    // Transcoding refuses a lone surrogate.
    return Buffer.from(text);
  }
}
