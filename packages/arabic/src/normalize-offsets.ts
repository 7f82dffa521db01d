import { normalize } from './normalize.ts';

/** Normalized text that remembers, for each of its UTF-16 code units, the span of input it came from. */
export interface NormalizedText {
  /** The text after N1–N9. */
  text: string;
  /** `starts[i]`: index in the input of the first code unit that produced `text[i]`. */
  starts: number[];
  /** `ends[i]`: one past the input that produced `text[i]`, its harakat and tatweel included, trailing controls not. */
  ends: number[];
}

// Code points that attach to the letter before them: combining marks (harakat, hamza above), and the
// characters N2 and N9 delete, so that a letter, its tatweel, its vowels and any control in between
// normalize together, as they would in the whole text.
const ATTACHED = /[\p{M}\u0640\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/u;
// Invisible controls (N9) at the end of a cluster are not part of the letter's span.
const CONTROL = /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/u;

function codePointLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? 2 : 1;
}

/**
 * Normalizes like `normalize`, one letter-and-its-marks cluster at a time, and maps every output code
 * unit back to the input: a match found in `text` at [i, j) covers `input.slice(starts[i], ends[j - 1])`.
 */
export function normalizeWithOffsets(input: string): NormalizedText {
  const starts: number[] = [];
  const ends: number[] = [];
  let text = '';
  let at = 0;
  while (at < input.length) {
    const start = at;
    at += codePointLength(input, at);
    let end = at;
    while (at < input.length) {
      const next = input.slice(at, at + codePointLength(input, at));
      if (!ATTACHED.test(next)) break;
      at += next.length;
      if (!CONTROL.test(next)) end = at;
    }
    const cluster = input.slice(start, at);
    const normalized = cluster.length === 1 && cluster.charCodeAt(0) < 0x80 ? cluster : normalize(cluster);
    text += normalized;
    for (let unit = 0; unit < normalized.length; unit++) {
      starts.push(start);
      ends.push(end);
    }
  }
  return { text, starts, ends };
}
