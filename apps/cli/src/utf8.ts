import { utf8Bytes } from '@khabar/parser';

/**
 * Writes `text` as UTF-8 into `into` at `at`, which has room for three bytes a code unit, and returns
 * how many bytes it took. A lone surrogate becomes U+FFFD, as `Buffer.write` makes it.
 */
export function writeUtf8(text: string, into: Buffer, at: number): number {
  const bytes = utf8Bytes(text);
  into.set(bytes, at);
  return bytes.length;
}
