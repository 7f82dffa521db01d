import { MAX_URL_LENGTH } from '@khabar/schema';

/** URLs of a page: made absolute, kept only when http(s), and the day some news URLs carry. */

const MIN_YEAR = 1995;
const MAX_YEAR = 2100;

/**
 * The URL as an absolute http(s) URL, resolved against `base` when relative; null for anything else:
 * `javascript:`, `data:`, unparsable text, a relative URL without a base, a URL with a user name or
 * password (`https://trusted.example@elsewhere.example/` goes elsewhere than it reads), and one longer
 * once percent-encoded than an article may keep ({@link MAX_URL_LENGTH}: an Arabic slug grows sixfold).
 */
export function httpUrl(raw: string | null | undefined, base?: string | null): string | null {
  if (typeof raw !== 'string') return null;
  const trimmed = raw.trim();
  // Encoding only lengthens a URL, apart from the tabs, line breaks and dot segments it drops.
  if (trimmed.length === 0 || trimmed.length > 2 * MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = base === null || base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url.href.length > MAX_URL_LENGTH ? null : url.href;
}

/** The host without `www.`, lower-cased, or null. */
export function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\d?\./, '');
  } catch {
    return null;
  }
}

// /2020/8/24/, /2020/08/24/, /2013/middle_east/8/3/ (a section between year and month, as older sites do).
const SLASHED = /\/((?:19|20)\d\d)\/(?:[a-z_-]+\/)?(\d{1,2})\/(\d{1,2})(?=\/|$)/i;
// /2020-06-03-1.3874341, /2020_06_03_…, -20200603-
const DASHED = /(?:^|[/_-])((?:19|20)\d\d)[-_](\d\d)[-_](\d\d)(?=[/_.-]|$)/;
// /202003171044893040-… : eight digits of a date at the start of a longer id.
const COMPACT = /\/((?:19|20)\d\d)(\d\d)(\d\d)\d*(?=[/_.-]|$)/;

/** The day a news URL's path carries (`YYYY-MM-DD`), or null. Only the path is read. */
export function dayFromUrl(url: string | null): string | null {
  if (url === null) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  for (const pattern of [SLASHED, DASHED, COMPACT]) {
    const match = pattern.exec(path);
    if (match === null) continue;
    const day = validDay(Number(match[1]), Number(match[2]), Number(match[3]));
    if (day !== null) return day;
  }
  return null;
}

/** `YYYY-MM-DD` when the numbers make a real day in a plausible year, else null. */
export function validDay(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
