import { parseDate } from '@khabar/arabic';
import { validDay } from './page-url.ts';

/**
 * A date as a page declares it (a meta tag, JSON-LD, `<time datetime>`), in the article model's form:
 * `YYYY-MM-DDTHH:MM:SS`, plus `Z` or `±HH:MM` only when the value gives a zone. Never converted.
 */

// 2020-06-03, 2020-06-03T03:01+0400, 2020-03-17 17:27:41.120Z, 2020-03-17T17:27:41+03:00
const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const MAX_LENGTH = 80;

/** The date of a declared value, or null when it holds none (or only a relative one). */
export function readDeclaredDate(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_LENGTH) return null;
  const iso = ISO.exec(trimmed);
  if (iso !== null) return fromIso(iso);
  const found = parseDate(trimmed);
  return found === null || found.relative ? null : found.iso;
}

function fromIso(match: RegExpExecArray): string | null {
  const day = validDay(Number(match[1]), Number(match[2]), Number(match[3]));
  if (day === null) return null;
  const hour = Number(match[4] ?? 0);
  const minute = Number(match[5] ?? 0);
  const second = Number(match[6] ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const time = [hour, minute, second].map((part) => String(part).padStart(2, '0')).join(':');
  return `${day}T${time}${zoneOf(match[7])}`;
}

function zoneOf(zone: string | undefined): string {
  if (zone === undefined) return '';
  const upper = zone.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  const hours = digits.slice(0, 2);
  const minutes = digits.length >= 4 ? digits.slice(2, 4) : '00';
  if (Number(hours) > 14 || Number(minutes) > 59) return '';
  return `${zone[0]}${hours}:${minutes}`;
}

/** Whether an ISO value names a zone. */
export function hasZone(iso: string): boolean {
  return /(?:Z|[+-]\d{2}:\d{2})$/.test(iso);
}

/** Days between two `YYYY-MM-DD…` values (absolute). */
export function daysApart(left: string, right: string): number {
  const from = Date.parse(`${left.slice(0, 10)}T00:00:00Z`);
  const to = Date.parse(`${right.slice(0, 10)}T00:00:00Z`);
  return Math.abs(from - to) / 86_400_000;
}
