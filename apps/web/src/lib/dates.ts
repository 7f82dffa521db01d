// Publication dates for readers: Gregorian and Umm al-Qura Hijri, in Arabic, with Latin digits
// because the articles' own text writes numbers with Latin digits.
const gregorian = new Intl.DateTimeFormat('ar-u-nu-latn', { dateStyle: 'full', timeZone: 'UTC' });
const hijri = new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura-nu-latn', {
  dateStyle: 'long',
  timeZone: 'UTC',
});
const clock = new Intl.DateTimeFormat('ar-u-nu-latn', { timeStyle: 'short', timeZone: 'UTC' });
const short = new Intl.DateTimeFormat('ar-u-nu-latn', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

export interface ReaderDate {
  /** Machine-readable value for `<time datetime>`: the date-time as stored. */
  iso: string;
  /** Weekday and Gregorian date, such as «الاثنين، 18 سبتمبر 2023». */
  gregorian: string;
  /** Umm al-Qura date, such as «3 ربيع الأول 1445 هـ». */
  hijri: string;
  /** Time of day, or null when the text gave only a date (stored as midnight). */
  time: string | null;
  /** Compact Gregorian date for lists, such as «18 سبتمبر 2023». */
  short: string;
}

/**
 * The stored value is the wall-clock time the document states, with a zone only when it names one.
 * Readers see that wall-clock date as written, so the zone is dropped and the time read as UTC.
 */
function wallClock(publishedAt: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(publishedAt);
  if (!match) return null;
  const date = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function readerDate(publishedAt: string | null): ReaderDate | null {
  if (publishedAt === null) return null;
  const date = wallClock(publishedAt);
  if (date === null) return null;
  const midnight = date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0;
  return {
    iso: publishedAt,
    gregorian: gregorian.format(date),
    hijri: hijri.format(date),
    time: midnight ? null : clock.format(date),
    short: short.format(date),
  };
}
