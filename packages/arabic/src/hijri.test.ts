import { describe, expect, it } from 'vitest';
import { hijriMonthLength, hijriToGregorian } from './hijri.ts';

const UMM_AL_QURA = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

/** The Hijri date Intl gives for a Gregorian day. */
function hijriOf(year: number, month: number, day: number): [number, number, number] {
  const parts = UMM_AL_QURA.formatToParts(Date.UTC(year, month - 1, day));
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return [part('year'), part('month'), part('day')];
}

describe('hijriToGregorian (Umm al-Qura)', () => {
  it.each([
    [1444, 9, 1, { year: 2023, month: 3, day: 23 }],
    [1444, 10, 1, { year: 2023, month: 4, day: 21 }],
    [1444, 12, 10, { year: 2023, month: 6, day: 28 }],
    [1445, 1, 1, { year: 2023, month: 7, day: 19 }],
    [1445, 9, 1, { year: 2024, month: 3, day: 11 }],
    [1445, 10, 1, { year: 2024, month: 4, day: 10 }],
    [1446, 1, 1, { year: 2024, month: 7, day: 7 }],
  ])('%i-%i-%i AH is %o', (year, month, day, gregorian) => {
    expect(hijriToGregorian(year, month, day)).toEqual(gregorian);
  });

  it('agrees with Intl on every month of 1300–1500 AH: first day, length, and the day after the last', () => {
    const mismatches: string[] = [];
    let previousEnd: number | null = null;
    for (let year = 1300; year <= 1500; year++) {
      for (let month = 1; month <= 12; month++) {
        const length = hijriMonthLength(year, month);
        const first = hijriToGregorian(year, month, 1);
        const last = length === null ? null : hijriToGregorian(year, month, length);
        if (first === null || last === null || length === null) {
          mismatches.push(`${year}-${month}: no date`);
          continue;
        }
        const firstMs = Date.UTC(first.year, first.month - 1, first.day);
        const lastMs = Date.UTC(last.year, last.month - 1, last.day);
        const checks: [string, [number, number, number], [number, number, number]][] = [
          ['first', hijriOf(first.year, first.month, first.day), [year, month, 1]],
          ['last', hijriOf(last.year, last.month, last.day), [year, month, length]],
          [
            'after',
            hijriOf(last.year, last.month, last.day + 1),
            month === 12 ? [year + 1, 1, 1] : [year, month + 1, 1],
          ],
        ];
        for (const [name, actual, expected] of checks) {
          if (actual.join('-') !== expected.join('-')) mismatches.push(`${year}-${month} ${name}: ${actual}`);
        }
        if (previousEnd !== null && firstMs !== previousEnd + 86_400_000)
          mismatches.push(`${year}-${month}: gap`);
        if (lastMs - firstMs !== (length - 1) * 86_400_000) mismatches.push(`${year}-${month}: length`);
        if (length === 29 && hijriToGregorian(year, month, 30) !== null)
          mismatches.push(`${year}-${month}: day 30`);
        previousEnd = lastMs;
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('round-trips sampled days through Intl', () => {
    for (let year = 1300; year <= 1500; year += 7) {
      for (let month = 1; month <= 12; month++) {
        for (const day of [2, 11, 17, 28]) {
          const gregorian = hijriToGregorian(year, month, day);
          expect(gregorian).not.toBeNull();
          if (gregorian)
            expect(hijriOf(gregorian.year, gregorian.month, gregorian.day)).toEqual([year, month, day]);
        }
      }
    }
  });

  it('has months of 29 and 30 days only', () => {
    const lengths = new Set<number | null>();
    for (let month = 1; month <= 12; month++) lengths.add(hijriMonthLength(1445, month));
    expect(lengths).toEqual(new Set([29, 30]));
  });

  it.each([
    [1445, 13, 1],
    [1445, 0, 1],
    [1445, 1, 0],
    [1445, 1, 31],
    [0, 1, 1],
    [1445.5, 1, 1],
    [1445, 1, 1.5],
    [Number.NaN, 1, 1],
  ])('gives null for the impossible date %s-%s-%s', (year, month, day) => {
    expect(hijriToGregorian(year, month, day)).toBeNull();
  });

  it('gives null for day 30 of a 29-day month', () => {
    expect(hijriMonthLength(1444, 9)).toBe(29);
    expect(hijriToGregorian(1444, 9, 30)).toBeNull();
    expect(hijriMonthLength(1445, 13)).toBeNull();
  });
});
