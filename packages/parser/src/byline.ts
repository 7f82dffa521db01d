import { wordRuns } from './char-class.ts';
import { isDashRun } from './dash-run.ts';
import { foldWords } from './fold.ts';

/**
 * The byline: a short line before the first paragraph naming the writer, outlet or place, its parts
 * joined by dashes, maybe prefixed `كتب:` or `بقلم:` (the prefix is not part of the byline).
 */

const PREFIX = /^(?:كتب|كتبت|بقلم|بقلم الكاتب)\s*[:：\-–—]\s*/;
// Without a colon or dash the verb still names the writer (`كتبت أسماء نصار`, `بقلم محمد علي`), but
// the same words open sentences (`كتب الرئيس في تغريدة…`): the name must then be short and hold none
// of the words only sentences use (على is left out: normalized, it is the name علي).
const BARE_PREFIX = /^(?:كتب|كتبت|بقلم)\s+/;
const MAX_BARE_NAME_WORDS = 4;
const SENTENCE_WORDS = new Set([
  ...['في', 'من', 'الي', 'عن', 'مع', 'ان', 'انه', 'انها', 'او', 'ثم', 'قد', 'لقد', 'لم', 'لن'],
  ...['لا', 'ما', 'التي', 'الذي', 'هذا', 'هذه', 'ذلك', 'هو', 'هي', 'كان', 'كانت', 'عبر', 'حول', 'بعد'],
  ...['قبل', 'خلال', 'منذ', 'حتي', 'بين', 'عند', 'لدي', 'اليوم', 'امس', 'تغريده', 'مقالا', 'مقال'],
]);
// With a prefix the line says it is a byline, so it may be a single name without dashes. Words are
// runs of letters and digits (عربي21, فرانس 24).
const NAME = /^[\p{L}\p{M}\p{N}«»"“”'’()./ \-‐‑‒–—―]+$/u;
const LETTER = /\p{L}/u;
const MAX_WORDS = 10;
const DANGLING_COLON = /\s*[:：]$/;

/** Where the byline sits in the line's text, or null when the line is not a byline. */
export function readByline(text: string): { start: number; end: number } | null {
  if (text.length > 120) return null;
  const prefix = PREFIX.exec(text);
  if (prefix === null) {
    const bare = BARE_PREFIX.exec(text);
    if (bare !== null) return bareByline(text, bare[0].length);
  }
  const start = prefix === null ? 0 : prefix[0].length;
  // A run closed by a colon with nothing after it (`الرياض - الوئام :`) names the same things.
  const last = text.charCodeAt(text.length - 1);
  const dangling = last === 0x3a || last === 0xff1a ? DANGLING_COLON.exec(text) : null;
  const end = dangling === null ? text.length : dangling.index;
  const byline = text.slice(start, end);
  if (byline.length === 0) return null;
  if (prefix === null) return isDashRun(byline) ? { start, end } : null;
  const named = NAME.test(byline) && LETTER.test(byline) && wordRuns(byline).length <= MAX_WORDS;
  return named ? { start, end } : null;
}

/** A name after a prefix with no colon: a few words of a name, nothing a sentence is made of. */
function bareByline(text: string, start: number): { start: number; end: number } | null {
  const name = text.slice(start);
  if (!NAME.test(name) || !LETTER.test(name)) return null;
  const words = foldWords(name);
  if (words.length === 0 || words.length > MAX_BARE_NAME_WORDS) return null;
  if (words.some((word) => SENTENCE_WORDS.has(word))) return null;
  return { start, end: text.length };
}
