import { normalize } from '@khabar/arabic';

/**
 * Resolves a relative date (`منذ ساعتين`, `قبل 3 أيام`, `أمس 10:30 م`, `2 hours ago`) against a
 * reference time. An elapsed time gives an instant, written in UTC (`Z`); a named day (أمس, اليوم)
 * gives that day of the reference time in UTC, with the wall-clock time when the text gives one.
 */

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const UNITS = new Map<string, [Unit, number]>();
function units(unit: Unit, one: string[], two: string[], many: string[]): void {
  for (const word of one) UNITS.set(word, [unit, 1]);
  for (const word of two) UNITS.set(word, [unit, 2]);
  for (const word of many) UNITS.set(word, [unit, 0]);
}
units('second', ['ثانيه', 'second', 'sec'], ['ثانيتين', 'ثانيتان'], ['ثوان', 'ثواني', 'seconds', 'secs']);
units('minute', ['دقيقه', 'minute', 'min'], ['دقيقتين', 'دقيقتان'], ['دقائق', 'minutes', 'mins']);
units('hour', ['ساعه', 'hour', 'hr'], ['ساعتين', 'ساعتان'], ['ساعات', 'hours', 'hrs']);
units('day', ['يوم', 'day'], ['يومين', 'يومان'], ['ايام', 'days']);
units('week', ['اسبوع', 'week'], ['اسبوعين', 'اسبوعان'], ['اسابيع', 'weeks']);
units('month', ['شهر', 'month'], ['شهرين', 'شهران'], ['اشهر', 'شهور', 'months']);
units(
  'year',
  ['سنه', 'عام', 'year'],
  ['سنتين', 'سنتان', 'عامين', 'عامان'],
  ['سنوات', 'سنين', 'اعوام', 'years'],
);

const COUNTS = new Map<string, number>([
  ...(['ثلاث', 'ثلاثه'].map((word) => [word, 3]) as [string, number][]),
  ...(['اربع', 'اربعه'].map((word) => [word, 4]) as [string, number][]),
  ...(['خمس', 'خمسه'].map((word) => [word, 5]) as [string, number][]),
  ...(['ست', 'سته'].map((word) => [word, 6]) as [string, number][]),
  ...(['سبع', 'سبعه'].map((word) => [word, 7]) as [string, number][]),
  ...(['ثماني', 'ثمان', 'ثمانيه'].map((word) => [word, 8]) as [string, number][]),
  ...(['تسع', 'تسعه'].map((word) => [word, 9]) as [string, number][]),
  ...(['عشر', 'عشره'].map((word) => [word, 10]) as [string, number][]),
  ['a', 1],
  ['an', 1],
]);

const DAYS = new Map<string, number>([
  ['اليوم', 0],
  ['الان', 0],
  ['today', 0],
  ['now', 0],
  ['امس', -1],
  ['البارحه', -1],
  ['yesterday', -1],
]);

const MILLISECONDS: Record<Exclude<Unit, 'month' | 'year'>, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

const TIME = /(\d{1,2}):(\d{2})(?:\s*(ص|صباحا|am|م|مساء|pm))?/;

/** The ISO date-time of a relative expression, or null when it names no definite amount. */
export function resolveRelative(text: string, referenceTime: Date): string | null {
  if (Number.isNaN(referenceTime.getTime())) return null;
  const normalized = normalize(text).toLowerCase();
  const words = normalized.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);
  if (words.includes('قليل')) return instant(referenceTime.getTime());
  const dayBeforeYesterday = words[0] === 'اول' && words.includes('امس');
  const named = dayBeforeYesterday
    ? -2
    : words.map((word) => DAYS.get(word)).find((day) => day !== undefined);
  if (named !== undefined) return namedDay(referenceTime, named, normalized);
  for (const [index, word] of words.entries()) {
    const unit = UNITS.get(word);
    if (unit === undefined) continue;
    const before = words[index - 1] ?? '';
    const amount = /^\d+$/.test(before) ? Number(before) : (COUNTS.get(before) ?? unit[1]);
    if (amount === 0) return null;
    return elapsed(referenceTime, unit[0], amount);
  }
  return null;
}

function elapsed(reference: Date, unit: Unit, amount: number): string | null {
  if (unit === 'month' || unit === 'year') {
    const date = new Date(reference.getTime());
    date.setUTCMonth(date.getUTCMonth() - amount * (unit === 'year' ? 12 : 1));
    return instant(date.getTime());
  }
  return instant(reference.getTime() - amount * MILLISECONDS[unit]);
}

function instant(milliseconds: number): string | null {
  const iso = isoDate(milliseconds);
  return iso === null ? null : `${iso.slice(0, 19)}Z`;
}

// Only four-digit years make an ISO 8601 date-time; a reference time far out gives none.
function isoDate(milliseconds: number): string | null {
  const date = new Date(milliseconds);
  const year = date.getUTCFullYear();
  return Number.isNaN(year) || year < 0 || year > 9999 ? null : date.toISOString();
}

function namedDay(reference: Date, offset: number, normalized: string): string | null {
  const day = isoDate(reference.getTime() + offset * MILLISECONDS.day)?.slice(0, 10);
  if (day === undefined) return null;
  const time = TIME.exec(normalized);
  if (time === null) return `${day}T00:00:00`;
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const half = time[3];
  if (half === 'م' || half === 'مساء' || half === 'pm') hour = hour < 12 ? hour + 12 : hour;
  else if (half !== undefined && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return `${day}T00:00:00`;
  return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00`;
}
