import { calendarName, glued, mark, number, type Step, skip, type Tokens, word } from './date-reader.ts';
import type { DateToken } from './date-tokens.ts';
import { type CalendarDay, hijriToGregorian } from './hijri.ts';
import type { CalendarName } from './months.ts';

/** A day as the text writes it, in the calendar it is written in. */
export interface WrittenDate extends CalendarDay {
  calendar: 'gregorian' | 'hijri';
}

// After normalization هـ is ه. م right after a year means AD, never PM.
const GREGORIAN_ERA = new Set(['م', 'ميلادي', 'ميلاديه', 'ad', 'ce']);
const HIJRI_ERA = new Set(['ه', 'هجري', 'هجريه', 'ah']);
const ORDINAL = new Set(['st', 'nd', 'rd', 'th']);
const DAY_MONTH_FILLER = new Set(['من', 'of']);

function isDayMonthFiller(token: DateToken): boolean {
  return token.kind === 'mark' ? ',-/.'.includes(token.text) : DAY_MONTH_FILLER.has(token.text);
}

function isMonthYearFiller(token: DateToken): boolean {
  return token.kind === 'mark' && ',-/.'.includes(token.text);
}

/** The era marker after a year, if any. */
function era(tokens: Tokens, at: number): Step<WrittenDate['calendar']> | null {
  const gregorian = word(tokens, at, GREGORIAN_ERA);
  if (gregorian !== null) return { value: 'gregorian', next: gregorian };
  const hijri = word(tokens, at, HIJRI_ERA);
  return hijri === null ? null : { value: 'hijri', next: hijri };
}

/** A day number with an optional English ordinal glued to it (18th). */
function dayNumber(tokens: Tokens, at: number): Step<number> | null {
  const day = number(tokens, at, 1, 2);
  if (day === null) return null;
  const ordinal = glued(tokens, day.next) ? word(tokens, day.next, ORDINAL) : null;
  return { value: day.value, next: ordinal ?? day.next };
}

function isMonth(name: CalendarName): boolean {
  return name.kind !== 'weekday';
}

/**
 * A month name, with an optional second name for the same month: سبتمبر/أيلول, أيلول (سبتمبر),
 * أغسطس - آب. A second name for another month is not taken.
 */
function monthNames(tokens: Tokens, at: number): Step<CalendarName> | null {
  const first = calendarName(tokens, at);
  if (first === null || !isMonth(first.value)) return null;
  const same = (step: Step<CalendarName> | null) =>
    step !== null && step.value.kind === first.value.kind && step.value.value === first.value.value;
  const open = mark(tokens, first.next, '(');
  if (open !== null) {
    const inner = calendarName(tokens, open);
    const close = inner === null ? null : mark(tokens, inner.next, ')');
    if (same(inner) && close !== null) return { value: first.value, next: close };
  }
  const separated = mark(tokens, first.next, '/-') ?? first.next;
  const second = calendarName(tokens, separated);
  return second !== null && same(second) ? { value: first.value, next: second.next } : first;
}

function written(calendar: WrittenDate['calendar'], year: number, month: number, day: number): WrittenDate {
  return { calendar, year, month, day };
}

/** 18/09/2023, 18-09-2023, 18.09.2023 (day first), 2023-09-18 and 2023/09/18 (year first). */
function numericDate(tokens: Tokens, at: number): Step<WrittenDate> | null {
  const first = number(tokens, at, 1, 4);
  const separator = first === null ? null : tokens[first.next];
  if (first === null || separator?.kind !== 'mark' || !'/-.'.includes(separator.text)) return null;
  const second = number(tokens, first.next + 1, 1, 2);
  const again = second === null ? null : mark(tokens, second.next, separator.text);
  const third = again === null ? null : number(tokens, again, 1, 4);
  if (second === null || third === null) return null;
  const firstDigits = tokens[at]?.text.length ?? 0;
  const thirdDigits = tokens[third.next - 1]?.text.length ?? 0;
  if (firstDigits === 4 && thirdDigits <= 2) {
    return { value: written('gregorian', first.value, second.value, third.value), next: third.next };
  }
  if (firstDigits <= 2 && thirdDigits === 4) {
    return { value: written('gregorian', third.value, second.value, first.value), next: third.next };
  }
  return null;
}

/** 18 سبتمبر 2023, 18th, September 2023, 3 ربيع الأول 1445. */
function dayMonthYear(tokens: Tokens, at: number): Step<WrittenDate> | null {
  const day = dayNumber(tokens, at);
  const month = day === null ? null : monthNames(tokens, skip(tokens, day.next, isDayMonthFiller));
  const year = month === null ? null : number(tokens, skip(tokens, month.next, isMonthYearFiller), 4, 4);
  if (day === null || month === null || year === null) return null;
  const calendar = month.value.kind === 'hijri' ? 'hijri' : 'gregorian';
  return { value: written(calendar, year.value, month.value.value, day.value), next: year.next };
}

/** September 18, 2023, Sep 18 2023, Sept. 18th, 2023. */
function monthDayYear(tokens: Tokens, at: number): Step<WrittenDate> | null {
  const month = monthNames(tokens, at);
  const day = month === null ? null : dayNumber(tokens, mark(tokens, month.next, '.') ?? month.next);
  const year = day === null ? null : number(tokens, mark(tokens, day.next, ',') ?? day.next, 4, 4);
  if (month === null || day === null || year === null) return null;
  const calendar = month.value.kind === 'hijri' ? 'hijri' : 'gregorian';
  return { value: written(calendar, year.value, month.value.value, day.value), next: year.next };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInGregorianMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/** The Gregorian day a written date stands for, or null when no such day exists (31 February, month 13, year 0). */
export function gregorianDay(date: WrittenDate): CalendarDay | null {
  const { year, month, day } = date;
  if (date.calendar === 'hijri') return hijriToGregorian(year, month, day);
  if (year < 1 || day < 1 || day > daysInGregorianMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * A calendar date in any written form, with its era marker (2023م, 1445 هـ). A numeric date marked
 * هـ is Hijri; a marker that contradicts the month name's calendar makes it no date.
 */
export function calendarDate(tokens: Tokens, at: number): Step<WrittenDate> | null {
  const numeric = numericDate(tokens, at);
  const found = numeric ?? dayMonthYear(tokens, at) ?? monthDayYear(tokens, at);
  if (found === null) return null;
  const marker = era(tokens, found.next);
  if (marker === null) return found;
  if (marker.value !== found.value.calendar && numeric === null) return null;
  return { value: { ...found.value, calendar: marker.value }, next: marker.next };
}
