import { monthFromName, parseDate, weekdayFromName } from '@khabar/arabic';
import { isChrome } from './chrome.ts';
import { foldWords } from './fold.ts';
import { resolveRelative } from './relative-time.ts';

/**
 * The published-date line: an optional label (`تاريخ النشر:`, `نشر في:`, `نُشر بتاريخ:`, `التاريخ :`, any other
 * short label closed by a colon, or none) and a date that covers the rest of the line. A date inside a
 * sentence is never the publication date: the line must be the date and nothing else.
 */

/** The date of a date line: `iso` is null when it could not be read or is relative with no reference. */
export interface DateLine {
  iso: string | null;
  relative: boolean;
}

// Date lines are short; a longer line is a sentence, and parsing it would cost time for nothing.
const MAX_LENGTH = 120;
const MAX_LABEL_WORDS = 5;
const MAX_LABEL_LENGTH = 40;
// A label closed by a colon (or a bar or dash), with no digits of its own.
const LABEL = /^[^\d\u0660-\u0669\u06F0-\u06F9:：|]*?[:：|\-–—]\s*$/;
const UNREADABLE: DateLine = { iso: null, relative: false };
const MAY_HOLD_DATE =
  /[0-9\u0660-\u0669\u06F0-\u06F9]|منذ|قبل|[أا]مس|البارح|اليوم|ال[آا]ن|today|yesterday|now|ago/i;
const WORD_CHAR = /[\p{L}\p{N}]/u;
// Words a label may be made of when it has no colon (normalized): نشر في، بتاريخ، آخر تحديث…
const LABEL_WORDS = new Set([
  ...['تاريخ', 'التاريخ', 'النشر', 'نشر', 'نشرت', 'نشره', 'منشور', 'في', 'بتاريخ', 'يوم', 'تم'],
  ...['اخر', 'تحديث', 'التحديث', 'محدث', 'اضيف', 'اضيفت', 'published', 'updated', 'posted', 'date'],
  ...['on', 'last', 'at'],
]);
// Words that make a labelled line a date line even when its date cannot be read.
const DATE_LABEL_WORDS = new Set([
  'تاريخ',
  'التاريخ',
  'النشر',
  'نشر',
  'بتاريخ',
  'تحديث',
  'published',
  'date',
]);
// After the date, only a zone phrase may remain: بتوقيت مكة المكرمة.
const ZONE_TAIL = /^[\s(]*ب?توقيت\s+[\p{L} ]{1,30}\)?$/u;

// The same line is asked about by the layout check and then by the reader, and the articles of one
// site and day carry the same date line: the answers to the last lines read are kept, by text. Only a
// relative date's answer depends on the reference time; the others serve whatever it is.
const REMEMBERED = 256;
const remembered = new Map<string, { reference: number | undefined; line: DateLine | null }>();

/** Reads a date line, or null when the line is not one. */
export function readDateLine(text: string, referenceTime?: Date): DateLine | null {
  if (text.length > MAX_LENGTH) return null;
  const reference = referenceTime?.getTime();
  const entry = remembered.get(text);
  if (entry !== undefined && (entry.reference === reference || entry.line?.relative !== true)) {
    return entry.line;
  }
  const line = readDateLineAnew(text, referenceTime);
  if (entry === undefined && remembered.size >= REMEMBERED) {
    remembered.delete(remembered.keys().next().value as string);
  }
  remembered.set(text, { reference, line });
  return line;
}

function readDateLineAnew(text: string, referenceTime?: Date): DateLine | null {
  // The date is read after a colon label, so that the label's words cost the date reader nothing.
  const labelEnd = colonEnd(text);
  const mayHoldDate = MAY_HOLD_DATE.test(text);
  // No label and nothing a date is made of: most header lines that are not date lines end here.
  if (labelEnd === 0 && !mayHoldDate) return null;
  const label = labelWords(text.slice(0, labelEnd));
  const unreadable = label !== null && isDateLabel(label) ? UNREADABLE : null;
  // Every date has a digit or a relative word: without one there is no date to look for.
  if (!mayHoldDate) return unreadable;
  const rest = label === null ? text : text.slice(labelEnd);
  const found = parseDate(rest);
  if (found === null || !onlyTail(rest.slice(found.end))) return unreadable;
  if (labelWords(rest.slice(0, found.start)) === null) return unreadable;
  if (!found.relative) return { iso: found.iso, relative: false };
  const iso = referenceTime === undefined ? null : resolveRelative(found.text, referenceTime);
  return { iso, relative: true };
}

/**
 * The normalized words of the text before the date when it is a label: nothing, a short run closed by
 * a colon, or label words alone. Null when it is anything else, such as the start of a sentence.
 */
function labelWords(prefix: string): readonly string[] | null {
  const words = foldWords(prefix);
  if (words.length === 0) return words;
  if (words.length > MAX_LABEL_WORDS) return null;
  if (LABEL.test(prefix)) return words;
  return words.every((word) => LABEL_WORDS.has(word)) ? words : null;
}

function isDateLabel(words: readonly string[]): boolean {
  return words.some((word) => DATE_LABEL_WORDS.has(word));
}

// Where a colon label ends: after the first colon, when one comes early in the line.
function colonEnd(text: string): number {
  const colon = firstColon(text);
  return colon < 0 || colon >= MAX_LABEL_LENGTH ? 0 : colon + 1;
}

function firstColon(text: string): number {
  const ascii = text.indexOf(':');
  const wide = text.indexOf('：');
  if (wide < 0) return ascii;
  return ascii < 0 ? wide : Math.min(ascii, wide);
}

function onlyTail(tail: string): boolean {
  return !WORD_CHAR.test(tail) || ZONE_TAIL.test(tail) || isUpdateStamp(foldWords(tail));
}

// Words that open an update stamp after the publication date (normalized): `(محدثة 17:49 …)`,
// `، آخر تحديث 14:00 (GMT+0400)`, `| Updated: …`.
const UPDATE_WORDS = new Set([
  'اخر',
  'تحديث',
  'التحديث',
  'محدث',
  'محدثه',
  'حدث',
  'updated',
  'last',
  'update',
]);
// What the stamp's date or time may be made of besides numbers and month or weekday names.
const STAMP_WORDS = new Set([
  ...['gmt', 'utc', 'بتوقيت', 'توقيت', 'غرينتش', 'جرينتش', 'ت', 'غ', 'ص', 'م', 'صباحا', 'مساء'],
  ...['am', 'pm', 'الساعه', 'في', 'يوم', 'ه', 'الموافق', 'at', 'on', 'الاول', 'الثاني'],
]);
const DIGITS = /^[0-9]+$/;
// The stamp may close with a short prompt (`انسخ الرابط`), as on one masthead line.
const MAX_PROMPT_WORDS = 3;

/**
 * Whether the words after the date are an update stamp: update words first, then only what a date
 * or a time is made of, and at most a short chrome prompt at the end. The publication date before
 * it is the line's date.
 */
function isUpdateStamp(words: readonly string[]): boolean {
  let index = 0;
  while (index < words.length && UPDATE_WORDS.has(words[index] as string)) index++;
  if (index === 0) return false;
  let end = words.length;
  for (let size = Math.min(MAX_PROMPT_WORDS, end - index); size > 0; size--) {
    if (isChrome(words.slice(end - size).join(' '))) {
      end -= size;
      break;
    }
  }
  for (; index < end; index++) {
    const word = words[index] as string;
    if (DIGITS.test(word) || STAMP_WORDS.has(word)) continue;
    if (monthFromName(word) === null && weekdayFromName(word) === null) return false;
  }
  return true;
}
