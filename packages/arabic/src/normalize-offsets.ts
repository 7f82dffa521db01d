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
// normalize together, as they would in the whole text. Invisible controls (N9) at the end of a cluster
// are not part of the letter's span.
const MARK_OR_TATWEEL = /[\p{M}\u0640]/u;
const CONTROL = /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/u;
const DETACHED = 0;
const VISIBLE = 1;
const INVISIBLE = 2;

// Per BMP code unit, computed on first use: how it attaches, and what it normalizes to on its own.
// Most text is single letters, so the caches spare a Unicode normalization per character.
const attachments = new Int8Array(0x10000).fill(-1);
// Arrays for the scripts most text is in (Latin and Arabic, below U+0800), a map for the rest.
const FREQUENT = 0x0800;
const frequentSingles = new Array<string | null>(FREQUENT).fill(null);
const otherSingles = new Map<number, string>();

function attachmentOf(char: string): number {
  if (CONTROL.test(char)) return INVISIBLE;
  return MARK_OR_TATWEEL.test(char) ? VISIBLE : DETACHED;
}

function attachmentAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0x0300) return DETACHED;
  if (code >= 0xd800 && code <= 0xdfff)
    return attachmentOf(String.fromCodePoint(text.codePointAt(at) ?? code));
  let kind = attachments[code] ?? -1;
  if (kind < 0) {
    kind = attachmentOf(text[at] ?? '');
    attachments[code] = kind;
  }
  return kind;
}

function normalizeSingle(code: number): string {
  let normalized = code < FREQUENT ? frequentSingles[code] : otherSingles.get(code);
  if (normalized === undefined || normalized === null) {
    normalized = normalize(String.fromCharCode(code));
    if (code < FREQUENT) frequentSingles[code] = normalized;
    else otherSingles.set(code, normalized);
  }
  return normalized;
}

function codePointLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? 2 : 1;
}

// Characters that each normalize to one code unit on their own and attach to nothing: ASCII, Arabic
// letters, digits and punctuation, Persian ی and ک, en and em dashes. A text of these alone normalizes
// code unit for code unit.
const ONE_TO_ONE =
  /^[\t\x20-\x7E\u060C\u061B\u061F\u0621-\u063A\u0641-\u064A\u0660-\u066C\u0671\u06A9\u06CC\u06F0-\u06F9\u2013\u2014]*$/;

/**
 * The normalized text when each input code unit gives exactly one output code unit (so offsets are
 * the identity), or null when some do not (marks, tatweel, controls, compatibility forms).
 */
export function normalizeOneToOne(input: string): string | null {
  return ONE_TO_ONE.test(input) ? normalize(input) : null;
}

/**
 * Normalizes like `normalize`, one letter-and-its-marks cluster at a time, and maps every output code
 * unit back to the input: a match found in `text` at [i, j) covers `input.slice(starts[i], ends[j - 1])`.
 */
export function normalizeWithOffsets(input: string): NormalizedText {
  const oneToOne = normalizeOneToOne(input);
  if (oneToOne !== null) {
    const starts = Array.from({ length: input.length }, (_, index) => index);
    return { text: oneToOne, starts, ends: starts.map((start) => start + 1) };
  }
  const starts: number[] = [];
  const ends: number[] = [];
  const pieces: string[] = [];
  let at = 0;
  while (at < input.length) {
    const start = at;
    at += codePointLength(input, at);
    let end = at;
    while (at < input.length) {
      const kind = attachmentAt(input, at);
      if (kind === DETACHED) break;
      at += codePointLength(input, at);
      if (kind === VISIBLE) end = at;
    }
    const normalized =
      at - start === 1 ? normalizeSingle(input.charCodeAt(start)) : normalize(input.slice(start, at));
    pieces.push(normalized);
    for (let unit = 0; unit < normalized.length; unit++) {
      starts.push(start);
      ends.push(end);
    }
  }
  return { text: pieces.join(''), starts, ends };
}
