import { StoreError } from './errors.ts';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|([+-])(\d{2}):?(\d{2})?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FIRST_KEY = '0000-01-01T00:00:00';
const LAST_KEY = '9999-12-31T23:59:59';

/**
 * The key articles are ordered by: `YYYY-MM-DDTHH:MM:SS`, moved to UTC when the date names a zone and
 * taken as written (wall clock) when it does not; the empty string for undated articles, so that a
 * newest-first order puts them last in both stores' collations.
 */
export function sortKey(publishedAt: string | null): string {
  if (publishedAt === null) return '';
  const key = dateTimeKey(publishedAt);
  if (key === null) throw new StoreError('invalid_query', `not an ISO 8601 date-time: ${publishedAt}`);
  return key;
}

function dateTimeKey(value: string): string | null {
  const match = DATE_TIME.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, zone, sign, zoneHours, zoneMinutes] = match;
  // Set field by field: Date.UTC reads the years 0 to 99 as 1900 to 1999.
  const date = new Date(0);
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute), Number(second), 0);
  const wallClock = date.getTime();
  // Dates roll 2023-02-30 over to March: a date that does not round-trip does not exist.
  if (Number.isNaN(wallClock) || date.toISOString().slice(0, 19) !== value.slice(0, 19)) {
    return null;
  }
  const offsetMinutes =
    zone === undefined || zone === 'Z'
      ? 0
      : (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes ?? 0));
  const utc = new Date(wallClock - offsetMinutes * 60_000).toISOString();
  // A zone can move a time of the year 0000 or 9999 out of the four-digit years, which no key spells:
  // it takes the first or last key, which orders it before or after every other.
  if (utc.startsWith('-')) return FIRST_KEY;
  if (utc.startsWith('+')) return LAST_KEY;
  return utc.slice(0, 19);
}

/** Inclusive lower bound of a `from` filter: a date means its first second. */
export function lowerBound(from: string): string {
  return boundKey(from, 'T00:00:00', 'from');
}

/** Inclusive upper bound of a `to` filter: a date means its last second. */
export function upperBound(to: string): string {
  return boundKey(to, 'T23:59:59', 'to');
}

function boundKey(value: string, timeOfDay: string, name: string): string {
  const key = dateTimeKey(DATE.test(value) ? `${value}${timeOfDay}` : value);
  if (key === null) {
    throw new StoreError('invalid_query', `${name} must be an ISO 8601 date or date-time, got ${value}`);
  }
  return key;
}
