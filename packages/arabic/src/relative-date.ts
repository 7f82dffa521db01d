import { number, type Tokens, word } from './date-reader.ts';
import { timeAfter } from './time-of-day.ts';

/** A date relative to an unknown moment (منذ ساعتين, أمس): no date without a reference time. */
export interface RelativeDate {
  relative: true;
  start: number;
  end: number;
  /** The expression as written. */
  text: string;
}

// Normalized spellings: ساعة is ساعه, أيام is ايام, الآن is الان.
const AGO = new Set(['منذ', 'قبل']);
const UNITS = new Set([
  ...['ثانيه', 'ثانيتين', 'ثانيتان', 'ثوان', 'ثواني'],
  ...['دقيقه', 'دقيقتين', 'دقيقتان', 'دقائق'],
  ...['ساعه', 'ساعتين', 'ساعتان', 'ساعات'],
  ...['يوم', 'يومين', 'يومان', 'ايام'],
  ...['اسبوع', 'اسبوعين', 'اسبوعان', 'اسابيع'],
  ...['شهر', 'شهرين', 'شهران', 'اشهر', 'شهور'],
  ...['سنه', 'سنتين', 'سنتان', 'سنوات', 'سنين', 'عام', 'عامين', 'عامان', 'اعوام'],
  'قليل',
]);
const COUNT_WORDS = new Set([
  ...['ثلاث', 'ثلاثه', 'اربع', 'اربعه', 'خمس', 'خمسه', 'ست', 'سته', 'سبع', 'سبعه'],
  ...['ثماني', 'ثمان', 'ثمانيه', 'تسع', 'تسعه', 'عشر', 'عشره', 'بضع', 'بضعه', 'عده'],
]);
const ENGLISH_UNITS = new Set(
  ['second', 'minute', 'min', 'hour', 'hr', 'day', 'week', 'month', 'year'].flatMap((unit) => [
    unit,
    `${unit}s`,
  ]),
);
const ENGLISH_ONE = new Set(['a', 'an']);
const ENGLISH_AGO = new Set(['ago']);
const STANDALONE = new Set(['امس', 'البارحه', 'اليوم', 'الان', 'today', 'yesterday', 'now']);
const DAY_BEFORE = new Set(['اول']);
const FROM = new Set(['من']);
const YESTERDAY = new Set(['امس']);

function count(tokens: Tokens, at: number): number {
  return number(tokens, at, 1, 4)?.next ?? word(tokens, at, COUNT_WORDS) ?? at;
}

/** منذ ساعتين, قبل 3 ساعات, منذ قليل; 3 hours ago, an hour ago. */
function elapsed(tokens: Tokens, at: number): number | null {
  const ago = word(tokens, at, AGO);
  if (ago !== null) return word(tokens, count(tokens, ago), UNITS);
  const amount = word(tokens, at, ENGLISH_ONE) ?? count(tokens, at);
  const unit = amount === at ? null : word(tokens, amount, ENGLISH_UNITS);
  return unit === null ? null : word(tokens, unit, ENGLISH_AGO);
}

/** أول أمس, أول من أمس (the day before yesterday). */
function dayBeforeYesterday(tokens: Tokens, at: number): number | null {
  const first = word(tokens, at, DAY_BEFORE);
  return first === null ? null : word(tokens, word(tokens, first, FROM) ?? first, YESTERDAY);
}

function relativeAt(tokens: Tokens, at: number): number | null {
  return elapsed(tokens, at) ?? dayBeforeYesterday(tokens, at) ?? word(tokens, at, STANDALONE);
}

/** The first relative date expression of the text, with a time written after it (أمس 10:30 م). */
export function relativeDate(text: string, tokens: Tokens): RelativeDate | null {
  for (let at = 0; at < tokens.length; at++) {
    const found = relativeAt(tokens, at);
    if (found === null) continue;
    const next = timeAfter(tokens, found)?.next ?? found;
    const start = tokens[at]?.start ?? 0;
    const end = tokens[next - 1]?.end ?? text.length;
    return { relative: true, start, end, text: text.slice(start, end) };
  }
  return null;
}
