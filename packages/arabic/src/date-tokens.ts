import { normalizeWithOffsets } from './normalize-offsets.ts';

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

const PIECE = /(\s+)|([0-9]+)|([\p{L}\p{M}]+)|([\s\S])/gu;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/;

function markText(char: string): string {
  if (DASHES.test(char)) return '-';
  return char === '\u060C' ? ',' : char;
}

/** Splits text into date tokens over its normalized form, keeping offsets into the original. */
export function dateTokens(original: string): DateToken[] {
  const { text, starts, ends } = normalizeWithOffsets(original);
  const tokens: DateToken[] = [];
  let spaced = false;
  for (const match of text.matchAll(PIECE)) {
    if (match[1] !== undefined) {
      spaced = true;
      continue;
    }
    const first = match.index;
    const last = first + match[0].length - 1;
    const kind = match[2] !== undefined ? 'number' : match[3] !== undefined ? 'word' : 'mark';
    tokens.push({
      kind,
      text: kind === 'word' ? match[0].toLowerCase() : kind === 'mark' ? markText(match[0]) : match[0],
      start: starts[first] ?? 0,
      end: ends[last] ?? original.length,
      spaced,
    });
    spaced = false;
  }
  return tokens;
}
