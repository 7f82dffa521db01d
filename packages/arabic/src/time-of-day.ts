import { glued, mark, number, type Step, skip, type Tokens, word } from './date-reader.ts';

/** A wall-clock time as written, in 24-hour form, with the zone the text names. */
export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number | null;
  /** 'Z' for GMT/UTC, '+HH:MM' for an explicit offset, null when the text names none. */
  zone: string | null;
}

// Words after normalization (صباحاً is صباحا, مساءً is مساء). ظهرا and عصرا (noon, afternoon) are PM.
const BEFORE_NOON = new Set(['ص', 'صباحا', 'صباح', 'فجرا', 'am']);
const AFTER_NOON = new Set(['م', 'مساء', 'مساءا', 'ظهرا', 'عصرا', 'pm']);
const GREENWICH = new Set(['gmt', 'utc', 'غرينتش', 'جرينتش', 'غرينيتش', 'جرينيتش']);
const ZONE_LEAD = new Set(['بتوقيت', 'توقيت']);
const TAA = new Set(['ت']);
const GHAIN = new Set(['غ']);
const LETTER_M = new Set(['m']);
const ZULU = new Set(['z']);
const MAX_OFFSET_HOURS = 14;

type Meridiem = 'am' | 'pm';

/** ص/م, صباحاً/مساءً and the like, AM/PM, and a.m./p.m. */
function meridiem(tokens: Tokens, at: number): Step<Meridiem> | null {
  const arabic = word(tokens, at, BEFORE_NOON) ?? word(tokens, at, AFTER_NOON);
  if (arabic !== null) return { value: word(tokens, at, BEFORE_NOON) === null ? 'pm' : 'am', next: arabic };
  const letter = tokens[at];
  if (letter?.kind !== 'word' || (letter.text !== 'a' && letter.text !== 'p')) return null;
  const dot = mark(tokens, at + 1, '.');
  const m = dot === null ? null : word(tokens, dot, LETTER_M);
  if (m === null) return null;
  return { value: letter.text === 'a' ? 'am' : 'pm', next: mark(tokens, m, '.') ?? m };
}

/** 12-hour to 24-hour: 12 AM is 00, 12 PM is 12; a 24-hour time marked PM (14:05 م) stays as it is. */
function to24Hour(hour: number, half: Meridiem | null): number | null {
  if (half === null) return hour <= 23 ? hour : null;
  if (hour === 0) return half === 'am' ? 0 : null;
  if (hour <= 12) return (hour % 12) + (half === 'pm' ? 12 : 0);
  return half === 'pm' && hour <= 23 ? hour : null;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** An offset glued to its sign: +3, +03, +03:00, +0300, -05:30. */
function offset(tokens: Tokens, at: number): Step<string> | null {
  const signed = mark(tokens, at, '+-');
  if (signed === null || !glued(tokens, signed)) return null;
  const sign = tokens[at]?.text === '-' ? '-' : '+';
  const compact = number(tokens, signed, 4, 4);
  let hours: number;
  let minutes = 0;
  let next: number;
  if (compact !== null) {
    hours = Math.floor(compact.value / 100);
    minutes = compact.value % 100;
    next = compact.next;
  } else {
    const whole = number(tokens, signed, 1, 2);
    if (whole === null) return null;
    hours = whole.value;
    next = whole.next;
    const colon = mark(tokens, next, ':');
    const part = colon === null ? null : number(tokens, colon, 2, 2);
    if (part !== null) {
      minutes = part.value;
      next = part.next;
    }
  }
  if (hours > MAX_OFFSET_HOURS || minutes > 59) return null;
  return { value: `${sign}${pad(hours)}:${pad(minutes)}`, next };
}

/** ت.غ, short for توقيت غرينتش. */
function greenwichAbbreviation(tokens: Tokens, at: number): number | null {
  const taa = word(tokens, at, TAA);
  const dot = taa === null ? null : mark(tokens, taa, '.');
  return dot === null ? null : word(tokens, dot, GHAIN);
}

/** A zone: GMT/UTC (optionally with an offset, GMT+3), بتوقيت غرينتش, ت.غ, or after a time Z or a bare offset. */
function zone(tokens: Tokens, at: number, afterTime: boolean): Step<string> | null {
  const open = mark(tokens, at, '(');
  if (open !== null) {
    const inner = zone(tokens, open, afterTime);
    const close = inner === null ? null : mark(tokens, inner.next, ')');
    return inner === null || close === null ? null : { value: inner.value, next: close };
  }
  const named = word(tokens, word(tokens, at, ZONE_LEAD) ?? at, GREENWICH);
  if (named !== null) {
    const shift = offset(tokens, named);
    const value = shift === null || /^.00:00$/.test(shift.value) ? 'Z' : shift.value;
    return { value, next: shift?.next ?? named };
  }
  const abbreviation = greenwichAbbreviation(tokens, at);
  if (abbreviation !== null) return { value: 'Z', next: abbreviation };
  if (!afterTime) return null;
  const zulu = word(tokens, at, ZULU);
  if (zulu !== null && glued(tokens, at)) return { value: 'Z', next: zulu };
  return offset(tokens, at);
}

/** 10:30, 14:05:00, 14:05:00.000, 10:30 ص, 10 صباحاً, 2:05 p.m., each with an optional zone. */
export function timeOfDay(tokens: Tokens, at: number): Step<TimeOfDay> | null {
  const hour = number(tokens, at, 1, 2);
  if (hour === null) return null;
  let minute = 0;
  let second: number | null = null;
  let next = hour.next;
  const colon = mark(tokens, next, ':');
  const minutes = colon === null ? null : number(tokens, colon, 2, 2);
  if (minutes !== null) {
    minute = minutes.value;
    next = minutes.next;
    const secondColon = mark(tokens, next, ':');
    const seconds = secondColon === null ? null : number(tokens, secondColon, 2, 2);
    if (seconds !== null) {
      second = seconds.value;
      next = seconds.next;
      const dot = glued(tokens, next) ? mark(tokens, next, '.') : null;
      const fraction = dot === null || !glued(tokens, dot) ? null : number(tokens, dot, 1, 9);
      if (fraction !== null) next = fraction.next;
    }
  }
  const half = meridiem(tokens, next);
  // A bare number is an hour only with a meridiem word (10 صباحاً).
  if (minutes === null && half === null) return null;
  const hour24 = to24Hour(hour.value, half?.value ?? null);
  if (hour24 === null || minute > 59 || (second ?? 0) > 59) return null;
  next = half?.next ?? next;
  const named = zone(tokens, next, true);
  return { value: { hour: hour24, minute, second, zone: named?.value ?? null }, next: named?.next ?? next };
}

/**
 * A time whose zone is written first, as some masthead stamps do: `GMT 17:27`, `(GMT) 17:27`,
 * `بتوقيت غرينتش 10:30 ص`. A zone written after the time wins over none.
 */
export function zoneFirstTime(tokens: Tokens, at: number): Step<TimeOfDay> | null {
  const named = zone(tokens, at, false);
  const time = named === null ? null : timeOfDay(tokens, named.next);
  if (named === null || time === null) return null;
  return { value: { ...time.value, zone: time.value.zone ?? named.value }, next: time.next };
}

// What may stand between a date and its time: 18 سبتمبر 2023 - 10:30, … ، الساعة 10:30, … at 2:05 pm.
const TIME_LEAD = new Set(['الساعه', 'at', 'في']);
const ISO_TIME_MARK = new Set(['t']);

/** A time, or only a zone (18th, September 2023 GMT), after a date: the ISO T, separators and الساعة allowed. */
export function timeAfter(
  tokens: Tokens,
  at: number,
): Step<{ time: TimeOfDay | null; zone: string | null }> | null {
  const iso = glued(tokens, at) ? word(tokens, at, ISO_TIME_MARK) : null;
  const start =
    iso ??
    skip(tokens, at, (token) =>
      token.kind === 'mark' ? ',-|'.includes(token.text) : TIME_LEAD.has(token.text),
    );
  const time = timeOfDay(tokens, start);
  if (time !== null) return { value: { time: time.value, zone: time.value.zone }, next: time.next };
  const named = zone(tokens, at, false);
  return named === null ? null : { value: { time: null, zone: named.value }, next: named.next };
}
