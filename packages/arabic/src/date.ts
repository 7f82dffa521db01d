import { calendarDate, gregorianDay, type WrittenDate } from './calendar-date.ts';
import { calendarName, mark, type Step, skip, type Tokens, word } from './date-reader.ts';
import type { DateToken } from './date-tokens.ts';
import { dateTokens } from './date-tokens.ts';
import type { CalendarDay } from './hijri.ts';
import { type RelativeDate, relativeDate } from './relative-date.ts';
import { type TimeOfDay, timeAfter, timeOfDay, zoneFirstTime } from './time-of-day.ts';

export type { RelativeDate } from './relative-date.ts';

/** A date and wall-clock time as written; hour, minute and second are null when the text gives none. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number | null;
  minute: number | null;
  second: number | null;
  /** 'Z' when the text names GMT/UTC, '+03:00' for an explicit offset, null when it names no zone. */
  zone: string | null;
}

/** A date found in text; `start`/`end` are UTF-16 offsets of the whole expression in the text given. */
export interface FoundDate {
  parts: DateParts;
  /** `YYYY-MM-DDTHH:MM:SS` (00:00:00 when no time is given), plus the zone when the text names one. */
  iso: string;
  start: number;
  end: number;
  /** The calendar of the date used: Gregorian whenever the text gives one. */
  calendar: 'gregorian' | 'hijri';
  relative: false;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DDTHH:MM:SS` plus the zone when there is one: wall-clock time as written. */
export function toIsoString(parts: DateParts): string {
  const date = `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
  const time = `${pad(parts.hour ?? 0, 2)}:${pad(parts.minute ?? 0, 2)}:${pad(parts.second ?? 0, 2)}`;
  return `${date}T${time}${parts.zone ?? ''}`;
}

/**
 * One date of an expression: its Gregorian day (null when the written date does not exist, such as
 * day 30 of a 29-day Hijri month), the calendar it was written in, and its time or zone.
 */
interface DatedPart {
  day: CalendarDay | null;
  calendar: WrittenDate['calendar'];
  time: TimeOfDay | null;
  zone: string | null;
}

const DAY_WORD = new Set(['يوم']);
const MATCHING = new Set(['الموافق']);
// Between a Hijri date and its Gregorian equivalent: … هـ الموافق 18 سبتمبر 2023 م, … هـ (18 سبتمبر 2023).
const EQUIVALENT_WORDS = new Set(['الموافق', 'والموافق', 'الموافقه', 'ل', 'corresponding', 'to']);

function isSeparator(token: DateToken): boolean {
  return token.kind === 'mark' && ',-|'.includes(token.text);
}

function isEquivalenceLink(token: DateToken): boolean {
  return token.kind === 'mark' ? ',-|/'.includes(token.text) : EQUIVALENT_WORDS.has(token.text);
}

/** An optional weekday (الإثنين، يوم الجمعة، الأحد الموافق، Monday,) before a date. Never required, never checked. */
function afterWeekday(tokens: Tokens, at: number): number {
  const named = word(tokens, at, DAY_WORD) ?? at;
  const weekday = calendarName(tokens, named);
  const next = weekday?.value.kind === 'weekday' ? weekday.next : named;
  if (next === at) return at;
  const separated = skip(tokens, next, isSeparator);
  return word(tokens, separated, MATCHING) ?? separated;
}

function datedPart(tokens: Tokens, at: number): Step<DatedPart> | null {
  const written = calendarDate(tokens, afterWeekday(tokens, at));
  if (written === null) return null;
  const tail = timeAfter(tokens, written.next);
  return {
    value: {
      day: gregorianDay(written.value),
      calendar: written.value.calendar,
      time: tail?.value.time ?? null,
      zone: tail?.value.zone ?? null,
    },
    next: tail?.next ?? written.next,
  };
}

/**
 * The same day in the other calendar, right after the first: Hijri then Gregorian or the reverse. A
 * Gregorian equivalent that does not exist (31 September) is not taken after a Hijri date that does; a
 * Hijri date that does not exist (day 30 of a 29-day month, printed by sites that follow the moon
 * sighting) is still read as the equivalent, since the Gregorian date decides.
 */
function equivalent(tokens: Tokens, at: number, first: DatedPart): Step<DatedPart> | null {
  const open = mark(tokens, at, '(');
  const second = datedPart(tokens, skip(tokens, open ?? at, isEquivalenceLink));
  if (second === null || second.value.calendar === first.calendar) return null;
  if (second.value.day === null && second.value.calendar === 'gregorian' && first.day !== null) return null;
  const close = open === null ? null : mark(tokens, second.next, ')');
  return { value: second.value, next: close ?? second.next };
}

/** The part whose day an expression gives, and the other part, whose time or zone may fill in. */
interface Deciding {
  day: CalendarDay;
  main: DatedPart;
  alternative: DatedPart | undefined;
}

/** The Gregorian part decides when it exists; otherwise the part that exists; null when neither does. */
function deciding(first: DatedPart, other: DatedPart | undefined): Deciding | null {
  if (other === undefined)
    return first.day === null ? null : { day: first.day, main: first, alternative: other };
  const [gregorian, hijri] = first.calendar === 'gregorian' ? [first, other] : [other, first];
  if (gregorian.day !== null) return { day: gregorian.day, main: gregorian, alternative: hijri };
  return hijri.day === null ? null : { day: hijri.day, main: hijri, alternative: gregorian };
}

/** A whole date expression starting at `at`: [time, maybe zone first] [weekday] date [time or zone] [equivalent date]. */
function expressionAt(
  tokens: Tokens,
  at: number,
): Step<DateParts & { calendar: DatedPart['calendar'] }> | null {
  const timeFirst = timeOfDay(tokens, at) ?? zoneFirstTime(tokens, at);
  const afterTime = timeFirst === null ? null : datedPart(tokens, skip(tokens, timeFirst.next, isSeparator));
  const lead = afterTime === null ? null : timeFirst;
  const first = afterTime ?? datedPart(tokens, at);
  if (first === null) return null;
  const other = equivalent(tokens, first.next, first.value);
  const decided = deciding(first.value, other?.value);
  if (decided === null) return null;
  const { day, main, alternative } = decided;
  const time = main.time ?? alternative?.time ?? lead?.value ?? null;
  const zone = main.zone ?? alternative?.zone ?? lead?.value.zone ?? null;
  return {
    value: {
      ...day,
      hour: time?.hour ?? null,
      minute: time?.minute ?? null,
      second: time?.second ?? null,
      zone,
      calendar: main.calendar,
    },
    next: other?.next ?? first.next,
  };
}

/** Finds the date expression in `text` (a date line without its label, or any short text): null when none. */
export function parseDate(text: string): FoundDate | RelativeDate | null {
  const tokens = dateTokens(text);
  for (let at = 0; at < tokens.length; at++) {
    if (tokens[at]?.kind === 'mark') continue;
    const found = expressionAt(tokens, at);
    if (found === null) continue;
    const { calendar, ...parts } = found.value;
    return {
      parts,
      iso: toIsoString(parts),
      start: tokens[at]?.start ?? 0,
      end: tokens[found.next - 1]?.end ?? text.length,
      calendar,
      relative: false,
    };
  }
  return relativeDate(text, tokens);
}
