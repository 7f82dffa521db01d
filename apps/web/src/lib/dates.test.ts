import { describe, expect, it } from 'vitest';
import { readerDate } from './dates.ts';

describe('readerDate', () => {
  it('gives the Gregorian and Umm al-Qura dates in Arabic with Latin digits', () => {
    const date = readerDate('2023-09-18T00:00:00Z');
    expect(date?.gregorian).toBe('الاثنين، 18 سبتمبر 2023');
    expect(date?.hijri).toBe('3 ربيع الأول 1445 هـ');
    expect(date?.short).toBe('18 سبتمبر 2023');
    expect(date?.iso).toBe('2023-09-18T00:00:00Z');
  });

  it('shows the wall-clock date and time the document states, whatever its offset', () => {
    const date = readerDate('2024-03-11T23:30:00+03:00');
    expect(date?.gregorian).toBe('الاثنين، 11 مارس 2024');
    expect(date?.time).toBe('11:30 م');
    expect(readerDate('2024-03-11T10:05:00')?.time).toBe('10:05 ص');
  });

  it('leaves out the time of a date given without one, and gives nothing for no date', () => {
    expect(readerDate('2023-09-18T00:00:00')?.time).toBeNull();
    expect(readerDate(null)).toBeNull();
    expect(readerDate('not a date')).toBeNull();
  });
});
