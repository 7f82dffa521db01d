import { normalize } from '@khabar/arabic';
import { wordRuns } from './char-class.ts';

/**
 * The words of a short text in matching form (arabic.md §1, lower-cased), for comparing labels and
 * chrome against word lists. Most lines need only the letter unification of N2–N9, done here in one
 * pass; a line with characters NFKC would change (presentation forms, full-width letters) takes the
 * full `normalize`.
 */

// N2 tatweel, N3 harakat and superscript alef (N9 controls are gone once lines are read).
const DELETED = /[\u0640\u064B-\u0652\u0670]/g;
// N4–N8: alef forms, alef maqsura, taa marbuta, Persian letters and digits.
const UNIFIED = /[\u0622\u0623\u0625\u0671\u0649\u0629\u06CC\u06A9\u0660-\u0669\u06F0-\u06F9]/g;
const UNIFIED_TO: Record<string, string> = {
  '\u0622': '\u0627',
  '\u0623': '\u0627',
  '\u0625': '\u0627',
  '\u0671': '\u0627',
  '\u0649': '\u064A',
  '\u0629': '\u0647',
  '\u06CC': '\u064A',
  '\u06A9': '\u0643',
};
// Code units NFKC may rewrite into other letters or digits (see needsCompatibility).
const COMPATIBILITY =
  /[\u00AA\u00B2\u00B3\u00B5\u00B9\u00BA\u00BC-\u00BE\u0675-\u0678\u2070-\u24FF\u3000-\uFFFF]/;

function unify(char: string): string {
  const code = char.charCodeAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  return UNIFIED_TO[char] ?? char;
}

/** The text in matching form. */
export function fold(text: string): string {
  if (COMPATIBILITY.test(text)) return normalize(text).toLowerCase();
  return text.replace(DELETED, '').replace(UNIFIED, unify).toLowerCase();
}
// Labels, prompts and names come back line after line (`نشر في:`, `شارك`): short texts keep their
// words, up to a bound, so that each is folded once.
const CACHED_LENGTH = 48;
const CACHE_SIZE = 4096;
const cache = new Map<string, readonly string[]>();

/** The words of the text in matching form: runs of letters, digits and marks. */
export function foldWords(text: string): readonly string[] {
  if (text.length > CACHED_LENGTH) return wordRuns(fold(text));
  let words = cache.get(text);
  if (words === undefined) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    words = wordRuns(fold(text));
    cache.set(text, words);
  }
  return words;
}
