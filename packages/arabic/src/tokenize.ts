import { characterRuns } from './character-runs.ts';
import { lowerCase } from './lower-case.ts';
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
// Its normalized form splits on anything but letters and digits. Runs are found with a table per
// UTF-16 code unit rather than a Unicode property regex: several times faster on article text.
const words = characterRuns(/^[\p{L}\p{M}\p{N}\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]$/u);
const lettersAndDigits = characterRuns(/^[\p{L}\p{N}]$/u);
const PART_SEPARATOR = /[^\p{L}\p{N}]+/u;
const LETTERS_AND_DIGITS = /^[\p{L}\p{N}]+$/u;
const MARK = /^\p{M}$/u;
// Hangul jamo compose with each other under NFKC although they are letters; compatibility and
// halfwidth jamo become such jamo first.
const JAMO = /[\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/u;

// How normalization treats a UTF-16 code unit when it is alone, learned on first sight: kept, deleted,
// replaced by letters and digits, or "slow" when it may combine with its neighbours (marks, jamo,
// surrogates) or turn into something else (a ligature with a space in it).
const UNKNOWN = 0;
const KEEP = 1;
const DELETE = 2;
const REPLACE = 3;
const SLOW = 4;
const kinds = new Uint8Array(0x10000);
const replacements = new Map<number, string>();

function kindOf(unit: number): number {
  let kind = kinds[unit] ?? UNKNOWN;
  if (kind !== UNKNOWN) return kind;
  const char = String.fromCharCode(unit);
  const normalized = unit >= 0xd800 && unit <= 0xdfff ? null : normalize(char);
  if (normalized === null || JAMO.test(char) || JAMO.test(normalized)) kind = SLOW;
  else if (normalized === '') kind = DELETE;
  else if (MARK.test(char) || !LETTERS_AND_DIGITS.test(normalized)) kind = SLOW;
  else if (normalized === char) kind = KEEP;
  else {
    kind = REPLACE;
    replacements.set(unit, normalized);
  }
  kinds[unit] = kind;
  return kind;
}

/** The word normalized one code unit at a time, or null when it needs the whole-text normalization. */
function normalizeSimply(word: string): string | null {
  // Most words are letters normalization keeps as they are: the word itself, with no new string.
  let index = 0;
  while (index < word.length && kindOf(word.charCodeAt(index)) === KEEP) index++;
  if (index === word.length) return word;
  let result = word.slice(0, index);
  for (; index < word.length; index++) {
    const unit = word.charCodeAt(index);
    const kind = kindOf(unit);
    if (kind === SLOW) return null;
    if (kind === KEEP) result += word[index];
    else if (kind === REPLACE) result += replacements.get(unit);
  }
  return result;
}

/**
 * Splits text into words with their offsets in the original text. A word of plain letters is
 * normalized letter by letter; only words with marks that may combine take the whole-word
 * normalization, which can split one written word into several tokens (a ligature such as ﷺ).
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  eachToken(text, (word, start, end, normalized) => {
    tokens.push({ text: word, start, end, normalized, stem: lightStem(lowerCase(normalized)) });
  });
  return tokens;
}

/**
 * Calls `visit` with each token of a text, in order: its written word, the word's bounds, its
 * normalized form. `visit` returning true stops there.
 */
function eachToken(
  text: string,
  visit: (word: string, start: number, end: number, normalized: string) => boolean | undefined,
): void {
  words(text, (start, end) => {
    const word = text.slice(start, end);
    const simple = normalizeSimply(word);
    if (simple !== null) return simple.length > 0 ? visit(word, start, end, simple) : undefined;
    for (const part of normalize(word).split(PART_SEPARATOR)) {
      if (part.length > 0 && visit(word, start, end, part) === true) return true;
    }
    return undefined;
  });
}

/** The words of a text `tokenize` gives, as bounds, and those of them whose stem is among some stems. */
export interface StemMatches {
  /** Where each token starts, in order: one entry per token `tokenize` gives. */
  starts: number[];
  /** Where each token ends. */
  ends: number[];
  /** The tokens whose stem is one of the stems, in order, each with its index among all tokens. */
  matched: { index: number; token: Token }[];
}

/**
 * What `tokenize` gives of a text, for finding given stems in it: every token's bounds, and the tokens
 * whose stem is among `stems`. A token is stemmed only when its lower-cased normalized form holds one
 * of the stems (light stemming only removes letters from its ends), so a long paragraph costs little
 * more than finding its words. `enough`, when given, is asked after each token whether what was found
 * so far is all the caller needs: the text after it is then left unread.
 */
export function matchStems(
  text: string,
  stems: ReadonlySet<string>,
  enough?: (found: StemMatches) => boolean,
): StemMatches {
  const wanted = [...stems].filter((stem) => stem.length > 0);
  let shortest = Number.POSITIVE_INFINITY;
  for (const stem of wanted) shortest = Math.min(shortest, stem.length);
  const found: StemMatches = { starts: [], ends: [], matched: [] };
  const { starts, ends, matched } = found;
  eachToken(text, (word, start, end, normalized) => {
    const index = starts.length;
    starts.push(start);
    ends.push(end);
    const lower = lowerCase(normalized);
    if (lower.length >= shortest && wanted.some((stem) => lower.includes(stem))) {
      const stem = lightStem(lower);
      if (stems.has(stem)) matched.push({ index, token: { text: word, start, end, normalized, stem } });
    }
    return enough?.(found);
  });
  return found;
}

/** Normalized, light-stemmed terms of a text, in order: what the search index stores and queries. */
export function searchTerms(text: string): string[] {
  const normalized = normalize(text);
  const terms: string[] = [];
  lettersAndDigits(normalized, (start, end) => {
    terms.push(lightStem(lowerCase(normalized.slice(start, end))));
  });
  return terms;
}
