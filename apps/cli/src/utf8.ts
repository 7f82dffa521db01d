import { utf8Bytes } from '@khabar/parser';

// Shorter lines are written as they are: transcoding pays from this many code units on.
const TRANSCODED_FROM = 256;

/**
 * Writes `text` as UTF-8 into `into` at `at`, which has room for three bytes a code unit, and returns
 * how many bytes it took. A lone surrogate becomes U+FFFD, as `Buffer.write` makes it.
 */
export function writeUtf8(text: string, into: Buffer, at: number): number {
  if (text.length < TRANSCODED_FROM) return into.write(text, at);
  const bytes = utf8Bytes(text);
  into.set(bytes, at);
  return bytes.length;
}
