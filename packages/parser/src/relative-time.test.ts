import { describe, expect, it } from 'vitest';
import { resolveRelative } from './relative-time.ts';

const reference = new Date('2024-03-10T08:15:30Z');

describe('resolveRelative', () => {
  it.each([
    ['منذ ساعتين', '2024-03-10T06:15:30Z'],
    ['قبل 3 ساعات', '2024-03-10T05:15:30Z'],
    ['منذ ٥ دقائق', '2024-03-10T08:10:30Z'],
    ['منذ يومين', '2024-03-08T08:15:30Z'],
    ['قبل أسبوع', '2024-03-03T08:15:30Z'],
    ['منذ ثلاثة أشهر', '2023-12-10T08:15:30Z'],
    ['منذ قليل', '2024-03-10T08:15:30Z'],
    ['2 hours ago', '2024-03-10T06:15:30Z'],
    ['أمس', '2024-03-09T00:00:00'],
    ['أول من أمس', '2024-03-08T00:00:00'],
    ['اليوم 9:05 ص', '2024-03-10T09:05:00'],
    ['yesterday', '2024-03-09T00:00:00'],
  ])('resolves %s', (text, expected) => {
    expect(resolveRelative(text, reference)).toBe(expected);
  });

  it('gives no date for a vague amount or an unusable reference time', () => {
    expect(resolveRelative('منذ ساعات', reference)).toBeNull();
    expect(resolveRelative('منذ ساعتين', new Date(Number.NaN))).toBeNull();
    expect(resolveRelative('منذ سنتين', new Date('0001-06-01T00:00:00Z'))).toBeNull();
    expect(resolveRelative('منذ ساعة', new Date('+010000-01-01T05:00:00Z'))).toBeNull();
  });
});
