import { describe, expect, it } from 'vitest';
import { readDateLine } from './published-date-line.ts';

const iso = (text: string, reference?: Date) => readDateLine(text, reference)?.iso;

describe('readDateLine', () => {
  it.each([
    ['تاريخ النشر: 18th, September 2023 GMT', '2023-09-18T00:00:00Z'],
    ['نشر في: الأربعاء 13 يونيو 2018 - 4:13 م', '2018-06-13T16:13:00'],
    ['نُشر بتاريخ: 18 أيلول 2023', '2023-09-18T00:00:00'],
    ['التاريخ : ١٨ سبتمبر ٢٠٢٣', '2023-09-18T00:00:00'],
    ['آخر تحديث: 18 كانون الأول 2023', '2023-12-18T00:00:00'],
    ['Published: 18/09/2023 10:00', '2023-09-18T10:00:00'],
    ['18 سبتمبر/أيلول 2023', '2023-09-18T00:00:00'],
    ['نشر في 18 سبتمبر 2023', '2023-09-18T00:00:00'],
    ['18-09-2023', '2023-09-18T00:00:00'],
    ['السبت 22 رجب 1442 هـ الموافق 6 مارس 2021 م', '2021-03-06T00:00:00'],
    ['3 ربيع الأول 1445 هـ', '2023-09-18T00:00:00'],
    ['تاريخ النشر:18 سبتمبر 2023 بتوقيت مكة المكرمة', '2023-09-18T00:00:00'],
  ])('reads %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('reads the publication date before an update stamp, and a zone written before the time', () => {
    expect(iso('GMT 07:15 12.05.2024(محدثة GMT 09:40 12.05.2024) انسخ الرابط')).toBe('2024-05-12T07:15:00Z');
    expect(iso('الأحد، 12 أيار/مايو 2024، آخر تحديث 14:00 (GMT+0300)')).toBe('2024-05-12T00:00:00');
    expect(iso('تاريخ النشر: 2024-05-12 | آخر تحديث: 2024-05-14')).toBe('2024-05-12T00:00:00');
  });

  it('does not take an update stamp followed by other words', () => {
    expect(readDateLine('12 مايو 2024، آخر تحديث للأخبار العاجلة')).toBeNull();
    expect(iso('تاريخ النشر: 12 مايو 2024 آخر تحديث في الرياض')).toBeNull();
  });

  it('does not take a date inside a sentence, or a line with no date, as the date line', () => {
    expect(readDateLine('وصل الوفد إلى الرياض في 18 سبتمبر 2023')).toBeNull();
    expect(readDateLine('بين 18 و21 سبتمبر/أيلول')).toBeNull();
    expect(readDateLine('داليا أبوالعيش – عين اليوم')).toBeNull();
  });

  it('reports a dated label whose date cannot be read', () => {
    expect(readDateLine('تاريخ النشر: غير متوفر')).toEqual({ iso: null, relative: false });
    expect(readDateLine('نشر في: 18 سبتمبر 2023 في الرياض')).toEqual({ iso: null, relative: false });
  });

  it('needs a reference time for a relative date', () => {
    expect(readDateLine('نشر في: منذ ساعتين')).toEqual({ iso: null, relative: true });
    const reference = new Date('2023-09-18T12:00:00Z');
    expect(iso('نشر في: منذ ساعتين', reference)).toBe('2023-09-18T10:00:00Z');
    expect(iso('أمس 10:30 م', reference)).toBe('2023-09-17T22:30:00');
  });

  it('answers a line asked again with another reference time as it answers it the first time', () => {
    const lines = [
      'تاريخ النشر: 18th, September 2023 GMT',
      'نشر في: منذ ساعتين',
      'تاريخ النشر: غير متوفر',
      'الرياض',
    ];
    const references = [undefined, new Date('2023-09-18T12:00:00Z'), new Date('2024-01-01T00:00:00Z')];
    // Each line first asked with one reference, then with each of the others.
    const first = new Map(
      lines.map((line) => [line, references.map((reference) => readDateLine(line, reference))]),
    );
    for (const line of lines) {
      for (const [index, reference] of [...references.entries()].reverse()) {
        readDateLine(line, references[(index + 1) % references.length]);
        expect(readDateLine(line, reference)).toEqual(first.get(line)?.[index]);
      }
    }
    expect(first.get('نشر في: منذ ساعتين')?.map((line) => line?.iso)).toEqual([
      null,
      '2023-09-18T10:00:00Z',
      '2023-12-31T22:00:00Z',
    ]);
  });
});
