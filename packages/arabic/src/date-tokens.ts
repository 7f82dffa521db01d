import { normalizeOneToOne, normalizeWithOffsets } from './normalize-offsets.ts';

/** A piece of a date expression: a run of digits, a run of letters, or one other character. */
export interface DateToken {
  kind: 'number' | 'word' | 'mark';
  /** Normalized (N1–N9) text; words are lower-cased, dashes are '-' and the Arabic comma is ','. */
  text: string;
  /** UTF-16 span in the original text. */
  start: number;
  end: number;
  /** Whether whitespace separates it from the token before. */
  spaced: boolean;
}

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/;
const SPACE = 0;
const DIGIT = 1;
const LETTER = 2;
const OTHER = 3;
// Character classes per BMP code unit, computed on first use; astral characters are classified each time.
const classes = new Int8Array(0x10000).fill(-1);

function classOf(char: string): number {
  if (/^\s$/u.test(char)) return SPACE;
  if (/^[0-9]$/.test(char)) return DIGIT;
  return /^[\p{L}\p{M}]$/u.test(char) ? LETTER : OTHER;
}

function classAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code >= 0xd800 && code <= 0xdfff) return classOf(String.fromCodePoint(text.codePointAt(at) ?? code));
  let found = classes[code] ?? -1;
  if (found < 0) {
    found = classOf(text[at] ?? '');
    classes[code] = found;
  }
  return found;
}

function codePointLength(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? 2 : 1;
}

function markText(char: string): string {
  if (DASHES.test(char)) return '-';
  return char === '\u060C' ? ',' : char;
}

const KINDS = ['number', 'word'] as const;

/** Splits text into date tokens over its normalized form, keeping offsets into the original. */
export function dateTokens(original: string): DateToken[] {
  // Most date lines normalize code unit for code unit: their offsets need no tables.
  const oneToOne = normalizeOneToOne(original);
  const { text, starts, ends } =
    oneToOne === null ? normalizeWithOffsets(original) : { text: oneToOne, starts: null, ends: null };
  const tokens: DateToken[] = [];
  let spaced = false;
  let at = 0;
  while (at < text.length) {
    const kind = classAt(text, at);
    if (kind === SPACE) {
      spaced = true;
      at++;
      continue;
    }
    let next = at + codePointLength(text, at);
    if (kind !== OTHER) {
      while (next < text.length && classAt(text, next) === kind) next += codePointLength(text, next);
    }
    const piece = text.slice(at, next);
    tokens.push({
      kind: kind === OTHER ? 'mark' : (KINDS[kind - 1] ?? 'word'),
      text: kind === LETTER ? piece.toLowerCase() : kind === OTHER ? markText(piece) : piece,
      start: starts === null ? at : (starts[at] ?? 0),
      end: ends === null ? next : (ends[next - 1] ?? original.length),
      spaced,
    });
    spaced = false;
    at = next;
  }
  return tokens;
}
