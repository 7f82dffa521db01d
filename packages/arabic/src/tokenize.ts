import { normalize } from './normalize.ts';
import { lightStem } from './stem.ts';

/** A word of the original text, with where it stands and its normalized and stemmed forms. */
export interface Token {
  /** The word as written. */
  text: string;
  /** UTF-16 index of its first code unit in the text. */
  start: number;
  /** One past its last code unit. */
  end: number;
  /** The word after normalization (N1–N9). */
  normalized: string;
  /** The normalized word after light stemming. */
  stem: string;
}

// A word is a run of letters, marks and digits; invisible controls inside a word do not split it.
const WORD = /[\p{L}\p{M}\p{N}\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]+/gu;

/** Splits text into words with their offsets in the original text. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const normalized = normalize(match[0]);
    if (normalized.length === 0) continue;
    for (const part of normalized.split(/[^\p{L}\p{N}]+/u)) {
      if (part.length === 0) continue;
      tokens.push({
        text: match[0],
        start: match.index,
        end: match.index + match[0].length,
        normalized: part,
        stem: lightStem(part.toLowerCase()),
      });
    }
  }
  return tokens;
}

/** Normalized, light-stemmed terms of a text, in order: what the search index stores and queries. */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of normalize(text).split(/[^\p{L}\p{N}]+/u)) {
    if (word.length > 0) terms.push(lightStem(word.toLowerCase()));
  }
  return terms;
}
