import { normalize, parseDate } from '@khabar/arabic';
import { resolveRelative } from './relative-time.ts';

/**
 * The date line: an optional label (`تاريخ النشر:`, `نشر في:`, `نُشر بتاريخ:`, `التاريخ :`, any other
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
// A label closed by a colon (or a bar or dash), with no digits of its own.
const LABEL = /^[^\d\u0660-\u0669\u06F0-\u06F9:：|]*?[:：|\-–—]\s*$/;
const SEPARATORS = /[\s:：|\-–—،,]+/g;
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

/** Reads a date line, or null when the line is not one. */
export function readDateLine(text: string, referenceTime?: Date): DateLine | null {
  if (text.length > MAX_LENGTH) return null;
  const found = parseDate(text);
  const labelled = labelWords(text.slice(0, found === null ? colonEnd(text) : found.start));
  if (found === null || labelled === null || !onlyTail(text.slice(found.end))) {
    return labelled !== null && isDateLabel(labelled) ? { iso: null, relative: false } : null;
  }
  if (!found.relative) return { iso: found.iso, relative: false };
  const iso = referenceTime === undefined ? null : resolveRelative(found.text, referenceTime);
  return { iso, relative: true };
}

/**
 * The normalized words of the text before the date when it is a label: nothing, a short run closed by
 * a colon, or label words alone. Null when it is anything else, such as the start of a sentence.
 */
function labelWords(prefix: string): string[] | null {
  const words = normalize(prefix)
    .toLowerCase()
    .split(SEPARATORS)
    .filter((word) => word.length > 0);
  if (words.length === 0) return words;
  if (words.length > MAX_LABEL_WORDS) return null;
  if (LABEL.test(prefix)) return words;
  return words.every((word) => LABEL_WORDS.has(word)) ? words : null;
}

function isDateLabel(words: readonly string[]): boolean {
  return words.some((word) => DATE_LABEL_WORDS.has(word));
}

// Without a date, a labelled line is read up to its first colon.
function colonEnd(text: string): number {
  const colon = text.search(/[:：]/);
  return colon < 0 ? 0 : colon + 1;
}

function onlyTail(tail: string): boolean {
  return !WORD_CHAR.test(tail) || ZONE_TAIL.test(tail);
}
