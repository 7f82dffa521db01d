/**
 * Umm al-Qura (Hijri) to Gregorian conversion through the platform's own calendar data:
 * `Intl.DateTimeFormat` with `ca-islamic-umalqura` gives the Hijri date of a day, so a Hijri date is
 * found by estimating its Gregorian day and stepping until the formatted parts match.
 */

/** A calendar date: month 1–12, day 1–31. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

// Made on first use: building the calendar costs tens of milliseconds that most runs never need.
let ummAlQura: Intl.DateTimeFormat | null = null;

function ummAlQuraFormat(): Intl.DateTimeFormat {
  ummAlQura ??= new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  return ummAlQura;
}
const DAY_MS = 86_400_000;
// 1 Muharram 1 AH is 16 July 622 (Julian), 19 July 622 in the proleptic Gregorian calendar Date uses.
const EPOCH_MS = Date.UTC(622, 6, 19);
const MEAN_YEAR_DAYS = 354.367;
const MEAN_MONTH_DAYS = 29.5306;
// The estimate is within a few days of the truth; the cap only guards against calendar data gaps.
const MAX_STEPS = 40;

interface HijriMonth {
  firstDayMs: number;
  length: number;
}

const months = new Map<number, HijriMonth | null>();

function hijriOf(ms: number): CalendarDay {
  const day: CalendarDay = { year: 0, month: 0, day: 0 };
  for (const part of ummAlQuraFormat().formatToParts(ms)) {
    if (part.type === 'year' || part.type === 'month' || part.type === 'day')
      day[part.type] = Number(part.value);
  }
  return day;
}

function findFirstDay(year: number, month: number): number | null {
  let ms = EPOCH_MS + Math.round((year - 1) * MEAN_YEAR_DAYS + (month - 1) * MEAN_MONTH_DAYS) * DAY_MS;
  for (let step = 0; step < MAX_STEPS; step++) {
    const found = hijriOf(ms);
    if (found.year === year && found.month === month && found.day === 1) return ms;
    const days =
      (year - found.year) * MEAN_YEAR_DAYS + (month - found.month) * MEAN_MONTH_DAYS + (1 - found.day);
    // Near the target, walk a day at a time so month lengths of 29 and 30 cannot make it oscillate.
    ms += (Math.abs(days) < 2 ? Math.sign(days) : Math.round(days)) * DAY_MS;
  }
  return null;
}

function hijriMonth(year: number, month: number): HijriMonth | null {
  const key = year * 12 + month - 1;
  const cached = months.get(key);
  if (cached !== undefined) return cached;
  const firstDayMs = findFirstDay(year, month);
  const result =
    firstDayMs === null
      ? null
      : { firstDayMs, length: hijriOf(firstDayMs + 29 * DAY_MS).month === month ? 30 : 29 };
  months.set(key, result);
  return result;
}

/**
 * The Gregorian date of an Umm al-Qura date (year ≥ 1 AH, month 1–12, day 1–30), or null when the
 * date does not exist (day 30 of a 29-day month, month 13, a fractional day).
 */
export function hijriToGregorian(year: number, month: number, day: number): CalendarDay | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 30) return null;
  const found = hijriMonth(year, month);
  if (found === null || day > found.length) return null;
  const date = new Date(found.firstDayMs + (day - 1) * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The number of days (29 or 30) of an Umm al-Qura month, or null when there is no such month. */
export function hijriMonthLength(year: number, month: number): number | null {
  return hijriToGregorian(year, month, 1) === null ? null : (hijriMonth(year, month)?.length ?? null);
}
