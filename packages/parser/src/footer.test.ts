import { describe, expect, it } from 'vitest';
import { keywordsStart, readCredits } from './footer.ts';

describe('readCredits', () => {
  it('reads the agency after a bar and the publisher after a colon, with any spacing', () => {
    expect(readCredits('المصدر | فرانس برس')).toEqual([
      { kind: 'agency', value: 'فرانس برس', start: 9, end: 18 },
    ]);
    expect(readCredits('المصدر|رويترز')?.map((credit) => credit.value)).toEqual(['رويترز']);
    expect(readCredits('المصدر :الخليج الجديد')).toEqual([
      { kind: 'publisher', value: 'الخليج الجديد', start: 8, end: 21 },
    ]);
  });

  it('splits two credits glued on one line, in either order', () => {
    const glued = 'المصدر | فرانس برسالمصدر: الخليج الجديد';
    expect(readCredits(glued)?.map(({ kind, value }) => [kind, value])).toEqual([
      ['agency', 'فرانس برس'],
      ['publisher', 'الخليج الجديد'],
    ]);
    const reversed = 'المصدر: عين اليومالمصدر | الأناضول';
    expect(readCredits(reversed)?.map(({ kind, value }) => [kind, value])).toEqual([
      ['publisher', 'عين اليوم'],
      ['agency', 'الأناضول'],
    ]);
    const credit = readCredits(glued)?.[1];
    expect(credit && glued.slice(credit.start, credit.end)).toBe('الخليج الجديد');
  });

  it('keeps an outlet whose own name starts with المصدر', () => {
    expect(readCredits('المصدر: المصدر أونلاين')?.map((credit) => credit.value)).toEqual(['المصدر أونلاين']);
  });

  it('does not read a sentence that starts with المصدر as a credit', () => {
    expect(
      readCredits('المصدر: قال مسؤول في الوزارة إن الاجتماع سيعقد الأسبوع المقبل في العاصمة الرياض'),
    ).toBeNull();
    expect(readCredits('المصدر الرئيسي للدخل هو النفط')).toBeNull();
  });
});

describe('keywordsStart', () => {
  it.each([
    ['كلمات دلالية: الصين روسيا', 14],
    ['الكلمات الدلالية: الصين روسيا', 18],
    ['وسوم: الصين روسيا', 6],
    ['وسوم : الصين', 7],
    ['كلمات مفتاحية: الصين', 15],
  ])('finds where the tags of %s start', (text, start) => {
    expect(keywordsStart(text)).toBe(start);
  });

  it('rejects lines without a keywords label', () => {
    expect(keywordsStart('كلمات الوزير في المؤتمر كانت واضحة')).toBe(-1);
    expect(keywordsStart('وسوم')).toBe(-1);
  });
});
