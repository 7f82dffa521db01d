import { readByline } from '../byline.ts';
import { isChrome } from '../chrome.ts';
import type { Line } from '../lines.ts';
import { readDateLine } from '../published-date-line.ts';
import { hasWordChar } from '../text-shape.ts';
import { hasStop, isLink, type LineFeatures, lineFeatures, runCount } from './line-features.ts';

/**
 * Whether a dump is in the seed layout: its first text line is a headline and the article goes on
 * right after it (a date line, a byline or chrome at most, then a paragraph). Only the first few lines
 * are read, so that every seed-layout document is let through at once.
 */

// Lines after the title that may stand before the first paragraph: date line, byline, a prompt or two.
const HEADER_LINES = 4;
const MAX_TITLE_WORDS = 40;
const MIN_PARAGRAPH_WORDS = 8;
// A short line that ends a sentence is a paragraph too (`نص الخبر في سطر واحد.`).
const MIN_SENTENCE_WORDS = 3;
const MAX_UNKNOWN_WORDS = 6;
// Under a dated title, a menu is this many items of a few words among the next lines.
const DATED_REACH = 6;
const MENU_ITEMS = 4;
const MENU_ITEM_WORDS = 3;

/** The index of the first line with a letter or digit: the title of a seed-layout dump; -1 when none. */
export function firstTextLine(lines: readonly Line[]): number {
  return lines.findIndex((line) => hasWordChar(line.text));
}

/** Whether the first text line is the title, followed by the article's header or body. */
export function isSeedLayout(lines: readonly Line[]): boolean {
  const first = firstTextLine(lines);
  if (first < 0) return true;
  if (datedTitle(lines, first)) return true;
  if (!readsAsTitle(lines[first] as Line)) return false;
  const last = Math.min(lines.length, first + 1 + HEADER_LINES + 1);
  let unknown = 0;
  for (let index = first + 1; index < last; index++) {
    const { text } = lines[index] as Line;
    if (!hasWordChar(text) || isChrome(text) || readDateLine(text) !== null || readByline(text) !== null)
      continue;
    if (readsAsParagraphLine(lines[index] as Line)) return true;
    const features = lineFeatures(lines[index] as Line);
    // One short line of another kind may stand in the header (`لندن: رنيم حنوش`); a second is a menu.
    if (features.words > MAX_UNKNOWN_WORDS || ++unknown > 1) return false;
  }
  // A title with nothing but header lines after it, or nothing at all.
  return last === lines.length;
}

/**
 * A title with its date line right under it: the seed layout even when other lines (a question, a
 * read-also pair, an unread byline, a fact box) open the article, unless a menu follows (a site name
 * and the day's date over the navigation), with no paragraph before it.
 */
function datedTitle(lines: readonly Line[], first: number): boolean {
  const next = lines[first + 1];
  if (next === undefined || readDateLine(next.text) === null) return false;
  const last = Math.min(lines.length, first + 2 + DATED_REACH);
  let menuItems = 0;
  for (let index = first + 2; index < last; index++) {
    if (readsAsParagraphLine(lines[index] as Line)) return true;
    const features = lineFeatures(lines[index] as Line);
    // A row of links is a whole menu.
    if (features.link) menuItems += MENU_ITEMS;
    else if (features.words <= MENU_ITEM_WORDS && !features.endsSentence) menuItems++;
    if (menuItems >= MENU_ITEMS) return false;
  }
  return true;
}

function readsAsTitle(line: Line): boolean {
  const features = lineFeatures(line);
  if (features.words === 0 || features.words > MAX_TITLE_WORDS || features.link || features.endsColon)
    return false;
  return readDateLine(line.text) === null && !isChrome(line.text);
}

/**
 * `readsAsParagraph(lineFeatures(line))`, answered at once for the common paragraph: eight words or
 * more with sentence punctuation and no link read as a paragraph by either of its rules, and counting
 * them needs no word list.
 */
export function readsAsParagraphLine(line: Line): boolean {
  const { text } = line;
  if (hasStop(text) && runCount(text, MIN_PARAGRAPH_WORDS) >= MIN_PARAGRAPH_WORDS && !isLink(text))
    return true;
  return readsAsParagraph(lineFeatures(line));
}

/** Running text: a paragraph, or a shorter line closed as a sentence. */
export function readsAsParagraph(features: LineFeatures): boolean {
  if (features.prose) return true;
  if (features.link) return false;
  if (features.words >= MIN_PARAGRAPH_WORDS && (features.stops > 0 || features.functionWords > 0))
    return true;
  return features.words >= MIN_SENTENCE_WORDS && features.endsSentence;
}
