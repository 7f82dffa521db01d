import { wordRuns } from './char-class.ts';
import { isDashRun } from './dash-run.ts';

/**
 * The byline: a short line before the first paragraph naming the writer, outlet or place, its parts
 * joined by dashes, maybe prefixed `كتب:` or `بقلم:` (the prefix is not part of the byline).
 */

const PREFIX = /^(?:كتب|كتبت|بقلم|بقلم الكاتب)\s*[:：\-–—]\s*/;
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
