import { describe, expect, it } from 'vitest';
import { articles, counted, otherArticles, otherOutletsAfterIn, outlets } from './counted.ts';

describe('counted', () => {
  it('gives the noun the form Arabic uses after each number', () => {
    const phrases = [1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1000].map((count) =>
      counted(count, outlets),
    );
    expect(phrases).toEqual([
      'مصدر واحد',
      'مصدران',
      '3 مصادر',
      '10 مصادر',
      '11 مصدرًا',
      '99 مصدرًا',
      '100 مصدر',
      '101 مصدر',
      '102 مصدر',
      '103 مصادر',
      '111 مصدرًا',
      '1,000 مصدر',
    ]);
  });

  it('agrees the adjective «other» with the noun, after «في» and as a subject', () => {
    expect([1, 2, 5, 14, 200].map((count) => counted(count, otherOutletsAfterIn))).toEqual([
      'مصدر آخر',
      'مصدرين آخرين',
      '5 مصادر أخرى',
      '14 مصدرًا آخر',
      '200 مصدر آخر',
    ]);
    expect([1, 2, 5, 14].map((count) => counted(count, otherArticles))).toEqual([
      'مقال آخر',
      'مقالان آخران',
      '5 مقالات أخرى',
      '14 مقالًا آخر',
    ]);
  });

  it('uses the zero form when there is one, else the form for a hundred', () => {
    expect(counted(0, articles)).toBe('لا مقالات');
    expect(counted(0, otherOutletsAfterIn)).toBe('0 مصدر آخر');
  });
});
