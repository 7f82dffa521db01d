import { normalizeLowerCase } from '@khabar/arabic';
import { wordRuns } from './char-class.ts';

/** The text in matching form (arabic.md §1, lower-cased), for comparing labels and chrome against word lists. */
export function fold(text: string): string {
  return normalizeLowerCase(text);
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
