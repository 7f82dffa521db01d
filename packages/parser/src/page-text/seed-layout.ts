import { parseDate } from '@khabar/arabic';
import { readByline } from '../byline.ts';
import { isChrome } from '../chrome.ts';
import { isFooterLine } from '../footer.ts';
import type { Line } from '../lines.ts';
import { readDateLine } from '../published-date-line.ts';
import { readAlsoMarker } from '../read-also.ts';
import { hasWordChar } from '../text-shape.ts';
import { hasStop, isLink, type LineFeatures, lineFeatures, runCount } from './line-features.ts';

/**
 * Whether a dump is in the seed layout: its first text line is a headline and the article goes on
 * right after it (a date line, a byline or chrome at most, then a paragraph, or the article's footer
 * when it is all header). Read-also items may stand anywhere among these. Only the first few lines
 * are read, so that every seed-layout document is let through at once.
 */

// Lines after the title that may stand before the first paragraph: date line, byline, a prompt or two.
const HEADER_LINES = 4;
const MAX_TITLE_WORDS = 40;
const MIN_PARAGRAPH_WORDS = 8;
// A short line that ends a sentence is a paragraph too (`نص الخبر في سطر واحد.`).
const MIN_SENTENCE_WORDS = 3;
const MAX_UNKNOWN_WORDS = 6;
// A paragraph that cites a web or e-mail address (`… على الرابط www.example.sa.`) is running text
// when it is this long and punctuated, with function words or closed as a sentence; a row of links,
// a breadcrumb or a copyright line is not.
const CITING_WORDS = 15;
const CITING_FUNCTION_WORDS = 2;
// A header line with a place, a date and an agency's name in it has at most this many words.
const MAX_DATED_WORDS = 16;
const MAX_DATED_LENGTH = 120;
// Under a title with its header, a menu is this many items of a few words among the next lines.
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
  if (headedTitle(lines, first)) return true;
  if (!readsAsTitle(lines[first] as Line)) return false;
  let room = HEADER_LINES + 1;
  let unknown = 0;
  let index = first + 1;
  for (; index < lines.length && room > 0; index++) {
    // A read-also item is part of the article and takes no room of the header.
    const item = readAlsoItem(lines, index);
    if (item > 0) {
      index += item - 1;
      continue;
    }
    room--;
    const line = lines[index] as Line;
    const { text } = line;
    if (!hasWordChar(text) || isChrome(text) || readDateLine(text) !== null || readByline(text) !== null)
      continue;
    if (opensParagraphAtOnce(text) || isFooterLine(text)) return true;
    const features = lineFeatures(line);
    if (readsAsParagraph(features) || citesAddress(features)) return true;
    if (placeAndDate(text, features)) continue;
    // One short line of another kind may stand in the header (`لندن: رنيم حنوش`); a second is a menu.
    if (features.words > MAX_UNKNOWN_WORDS || ++unknown > 1) return false;
  }
  // A title with nothing but header lines after it, or nothing at all.
  return index >= lines.length;
}

/**
 * A title with its header right under it (a date line, a byline, a place and date): the seed layout
 * even when other lines (a question, a read-also pair, a fact box, the lines of a poem) open the
 * article, unless a menu follows (a site name and the day's date over the navigation), with no
 * paragraph before it.
 */
function headedTitle(lines: readonly Line[], first: number): boolean {
  let index = first + 1;
  while (index < lines.length && index <= first + HEADER_LINES && isHeaderLine(lines[index] as Line)) index++;
  if (index === first + 1) return false;
  let room = DATED_REACH;
  let menuItems = 0;
  for (; index < lines.length && room > 0; index++) {
    const item = readAlsoItem(lines, index);
    if (item > 0) {
      index += item - 1;
      continue;
    }
    room--;
    const line = lines[index] as Line;
    if (opensParagraphAtOnce(line.text) || isFooterLine(line.text)) return true;
    const features = lineFeatures(line);
    if (readsAsParagraph(features) || citesAddress(features)) return true;
    // A row of links is a whole menu.
    if (features.link) menuItems += MENU_ITEMS;
    else if (isMenuItem(line.text, features)) menuItems++;
    if (menuItems >= MENU_ITEMS) return false;
  }
  return true;
}

/** A date line, a byline, or a place and date with the agency's name. */
function isHeaderLine(line: Line): boolean {
  const { text } = line;
  if (readDateLine(text) !== null || readByline(text) !== null) return true;
  return text.length <= MAX_DATED_LENGTH && placeAndDate(text, lineFeatures(line));
}

/** A menu item: a word or three, with no punctuation closing them (a line of verse ends in `..` or `!`). */
function isMenuItem(text: string, features: LineFeatures): boolean {
  return features.words > 0 && features.words <= MENU_ITEM_WORDS && hasWordChar(text.slice(-1));
}

/**
 * How many lines the read-also item at `index` takes: one for marker and headline on one line, two
 * for a marker alone with the headline under it; 0 when the line opens none.
 */
function readAlsoItem(lines: readonly Line[], index: number): number {
  const marker = readAlsoMarker((lines[index] as Line).text);
  if (marker === null) return 0;
  return marker.kind === 'inline' ? 1 : 2;
}

/** A paragraph that cites a web or e-mail address: running text all the same. */
function citesAddress(features: LineFeatures): boolean {
  return (
    features.link &&
    features.arabic &&
    features.words >= CITING_WORDS &&
    features.stops > 0 &&
    (features.functionWords >= CITING_FUNCTION_WORDS || features.endsSentence)
  );
}

/**
 * A line of the header that gives a place and a date with the agency's name around them
 * (`الرياض 25 شوال 1436 هـ الموافق 10 أغسطس 2015 م واس`): short, no sentence, a whole date in it.
 */
function placeAndDate(text: string, features: LineFeatures): boolean {
  if (
    text.length > MAX_DATED_LENGTH ||
    features.words > MAX_DATED_WORDS ||
    features.stops > 0 ||
    features.link
  )
    return false;
  const found = parseDate(text);
  return found !== null && !found.relative;
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
  return opensParagraphAtOnce(line.text) || readsAsParagraph(lineFeatures(line));
}

/** The quick half of `readsAsParagraphLine`: a line that is a paragraph by its words and punctuation alone. */
function opensParagraphAtOnce(text: string): boolean {
  return hasStop(text) && runCount(text, MIN_PARAGRAPH_WORDS) >= MIN_PARAGRAPH_WORDS && !isLink(text);
}

/** Running text: a paragraph, or a shorter line closed as a sentence. */
export function readsAsParagraph(features: LineFeatures): boolean {
  if (features.prose) return true;
  if (features.link) return false;
  if (features.words >= MIN_PARAGRAPH_WORDS && (features.stops > 0 || features.functionWords > 0))
    return true;
  return features.words >= MIN_SENTENCE_WORDS && features.endsSentence;
}
