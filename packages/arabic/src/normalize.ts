import { lowerCase } from './lower-case.ts';

/**
 * Normalization for matching and search (never for display), rules N1–N9 of the Arabic spec,
 * applied in order.
 */

// N2 tatweel, N3 harakat U+064B–U+0652 and superscript alef U+0670, N9 bidi and zero-width controls.
const DELETED = /[\u0640\u064B-\u0652\u0670\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g;

// N4 alef forms, N5 alef maqsura, N6 taa marbuta, N7 Persian yeh and keheh, N8 Arabic-Indic and Persian digits.
const REPLACED: Record<string, string> = {
  '\u0622': '\u0627',
  '\u0623': '\u0627',
  '\u0625': '\u0627',
  '\u0671': '\u0627',
  '\u0649': '\u064A',
  '\u0629': '\u0647',
  '\u06CC': '\u064A',
  '\u06A9': '\u0643',
};
for (let digit = 0; digit <= 9; digit++) {
  REPLACED[String.fromCharCode(0x0660 + digit)] = String(digit);
  REPLACED[String.fromCharCode(0x06f0 + digit)] = String(digit);
}
const REPLACEABLE = /[\u0622\u0623\u0625\u0671\u0649\u0629\u06CC\u06A9\u0660-\u0669\u06F0-\u06F9]/g;

function replacement(char: string): string {
  return REPLACED[char] ?? char;
}

function normalizeOnce(text: string): string {
  return text.normalize('NFKC').replace(DELETED, '').replace(REPLACEABLE, replacement);
}

// Text that NFKC leaves as it is, up to the order of the marks N3 deletes anyway: ASCII, Arabic
// letters, digits and punctuation without the combining hamza and madda (U+0653–U+0655), the other
// combining marks, or the compatibility letters U+0675–U+0678, and the dashes, quotes and bullet of
// news text (– — ‘ ’ “ ” « » •; not …, which NFKC makes three dots). Most text is such, and skips NFKC.
const NFKC_STABLE =
  /^[\t\n\r\x20-\x7E\u00AB\u00BB\u0600-\u060F\u061B-\u0652\u0660-\u0674\u0679-\u06D5\u06EE-\u06FF\u2013\u2014\u2018-\u201D\u2022]*$/;

// What N2–N9 do to each code unit of the Arabic block: keep it, delete it, or put this string instead.
const KEEP = 0;
const DELETE = 1;
const ARABIC_BLOCK = 0x0600;
const arabicActions: (typeof KEEP | typeof DELETE | string)[] = Array.from({ length: 0x100 }, (_, index) => {
  const char = String.fromCharCode(ARABIC_BLOCK + index);
  DELETED.lastIndex = 0;
  if (DELETED.test(char)) return DELETE;
  return REPLACED[char] ?? KEEP;
});

// What the fast path does with each code unit below U+2100 (the last one NFKC_STABLE admits is U+2022):
// keep it, delete it, put the Arabic block's replacement instead, or give up for the full rules.
const STABLE = 0;
const REMOVE = 1;
const REPLACE = 2;
const UNSTABLE = 3;
// A Latin capital: kept as it is, and noted, since it is the only character the fast path admits that
// has a lower case.
const CAPITAL = 4;
const FAST_LIMIT = 0x2100;
let fastActions: Uint8Array | null = null;

function fastActionTable(): Uint8Array {
  if (fastActions !== null) return fastActions;
  const table = new Uint8Array(FAST_LIMIT).fill(UNSTABLE);
  for (let code = 0; code < FAST_LIMIT; code++) {
    if (!NFKC_STABLE.test(String.fromCharCode(code))) continue;
    const inBlock = code >= ARABIC_BLOCK && code <= 0x06ff;
    const action = inBlock ? arabicActions[code - ARABIC_BLOCK] : KEEP;
    if (code >= 0x41 && code <= 0x5a) table[code] = CAPITAL;
    else table[code] = action === KEEP ? STABLE : action === DELETE ? REMOVE : REPLACE;
  }
  fastActions = table;
  return table;
}

// Whether the text the last `unifyStable` read whole had a Latin capital.
let sawCapital = false;

/**
 * N2–N9 in one pass over text that NFKC leaves as it is (every character one NFKC_STABLE admits),
 * copying the runs that stay as they are; null as soon as a character needs the full rules.
 */

function unifyStable(text: string): string | null {
  const actions = fastActionTable();
  let result = '';
  let kept = 0;
  sawCapital = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const action = code < FAST_LIMIT ? (actions[code] as number) : UNSTABLE;
    if (action === STABLE) continue;
    if (action === CAPITAL) {
      sawCapital = true;
      continue;
    }
    if (action === UNSTABLE) return null;
    result += text.slice(kept, index);
    if (action === REPLACE) result += arabicActions[code - ARABIC_BLOCK] as string;
    kept = index + 1;
  }
  return kept === 0 ? text : result + text.slice(kept);
}

/**
 * Applies N1–N9: NFKC, then deletions, then letter and digit unification. Deleting a control or
 * replacing a letter can leave a letter and a combining hamza or madda side by side (ي + U+0654, or
 * ا + U+200F + U+0654), which NFKC then composes: the rules run again until the text is stable, so
 * normalizing twice gives what normalizing once gives.
 */
export function normalize(text: string): string {
  const unified = unifyStable(text);
  if (unified !== null) return unified;
  return normalizeFully(text);
}

function normalizeFully(text: string): string {
  let result = normalizeOnce(text);
  while (result.normalize('NFKC') !== result) result = normalizeOnce(result);
  return result;
}

/**
 * `lowerCase(normalize(text))`, the form text is matched in, without a second pass over text the
 * fast path reads: a Latin capital is the only character it admits that has a lower case, and it
 * notes whether it saw one.
 */
export function normalizeLowerCase(text: string): string {
  const unified = unifyStable(text);
  if (unified !== null) return sawCapital ? unified.toLowerCase() : unified;
  return lowerCase(normalizeFully(text));
}

/** Replaces Arabic-Indic (U+0660) and Persian (U+06F0) digits with ASCII digits, leaving all else (N8 alone). */
export function toLatinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (char) => {
    const code = char.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** Characters that carry no text: bidi and zero-width controls (N9). */
export const INVISIBLE_CHARACTERS = /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g;
