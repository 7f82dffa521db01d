import { normalize } from '@khabar/arabic';
import { wordRuns } from './char-class.ts';

/** The text in matching form (arabic.md §1, lower-cased), for comparing labels and chrome against word lists. */
export function fold(text: string): string {
  return lowerCase(normalize(text));
}

// Characters that may have a lower case: Latin capitals, and every script but the Arabic block and
// general punctuation from U+00C0 on. ASCII other than A–Z, U+0080–U+00BF, Arabic and general
// punctuation have none.
const MAY_HAVE_LOWER_CASE = /[A-Z\u00C0-\u05FF\u0700-\u1FFF\u2070-\uFFFF]/;

/**
 * `toLowerCase`, skipped when no character of the text has a lower case: Arabic text and its
 * punctuation have none, and the engine's case mapping costs more than the native scan that tells.
 */
export function lowerCase(text: string): string {
  return MAY_HAVE_LOWER_CASE.test(text) ? text.toLowerCase() : text;
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
