import { PublishedAt } from '@khabar/schema';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { arabicish } from '../test/arbitraries.ts';
import { type DateParts, type FoundDate, parseDate, type RelativeDate, toIsoString } from './date.ts';

function found(text: string): FoundDate {
  const result = parseDate(text);
  if (result === null || result.relative) throw new Error(`no absolute date in ${JSON.stringify(text)}`);
  return result;
}

function relative(text: string): RelativeDate {
  const result = parseDate(text);
  if (result === null || !result.relative) throw new Error(`no relative date in ${JSON.stringify(text)}`);
  return result;
}

/** The ISO string and the part of the text the date covers. */
function read(text: string): [string, string] {
  const date = found(text);
  return [date.iso, text.slice(date.start, date.end)];
}

const SCRIPTS = [
  ['Latin', 0x30],
  ['Arabic-Indic', 0x0660],
  ['Persian', 0x06f0],
] as const;

function inScript(text: string, zero: number): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCharCode(zero + Number(digit)));
}

/** Each form, in each digit script, gives its ISO string and covers the whole text. */
function eachForm(rows: [string, string][]) {
  const cases = rows.flatMap(([text, iso]) =>
    SCRIPTS.map(([script, zero]) => [inScript(text, zero), script, iso] as const),
  );
  it.each(cases)('%s (%s digits) is %s', (text, _script, iso) => {
    expect(read(text)).toEqual([iso, text]);
    expect(PublishedAt.safeParse(iso).success).toBe(true);
  });
}

describe('parseDate: English forms', () => {
  eachForm([
    ['18th, September 2023 GMT', '2023-09-18T00:00:00Z'],
    ['1st, March 2020 GMT', '2020-03-01T00:00:00Z'],
    ['2nd, February 2015 UTC', '2015-02-02T00:00:00Z'],
    ['23rd, September 2016 GMT', '2016-09-23T00:00:00Z'],
    ['18 September 2023', '2023-09-18T00:00:00'],
    ['18 Sep 2023', '2023-09-18T00:00:00'],
    ['September 18, 2023', '2023-09-18T00:00:00'],
    ['Sep 18, 2023', '2023-09-18T00:00:00'],
    ['Sept 18, 2023', '2023-09-18T00:00:00'],
    ['Sept. 18th, 2023', '2023-09-18T00:00:00'],
    ['Monday, September 18, 2023', '2023-09-18T00:00:00'],
    ['September 18, 2023 at 2:05 p.m.', '2023-09-18T14:05:00'],
    ['Mon, 18 Sep 2023 14:05:09 +0300', '2023-09-18T14:05:09+03:00'],
    ['18 September 2023 14:05 GMT+3', '2023-09-18T14:05:00+03:00'],
    ['18 September 2023 14:05 GMT-5:30', '2023-09-18T14:05:00-05:30'],
    ['18 September 2023 14:05 GMT+0', '2023-09-18T14:05:00Z'],
  ]);
});

// Every Arabic Gregorian name of arabic.md §4, in a date.
const ARABIC_MONTHS: [number, string[]][] = [
  [1, ['يناير', 'كانون الثاني', 'جانفي']],
  [2, ['فبراير', 'شباط', 'فيفري']],
  [3, ['مارس', 'آذار']],
  [4, ['أبريل', 'إبريل', 'ابريل', 'نيسان', 'أفريل']],
  [5, ['مايو', 'أيار', 'ماي']],
  [6, ['يونيو', 'يونيه', 'حزيران', 'جوان']],
  [7, ['يوليو', 'يوليه', 'تموز', 'جويلية', 'يوليوز']],
  [8, ['أغسطس', 'آب', 'أوت', 'غشت']],
  [9, ['سبتمبر', 'أيلول', 'شتنبر']],
  [10, ['أكتوبر', 'تشرين الأول']],
  [11, ['نوفمبر', 'تشرين الثاني', 'نونبر']],
  [12, ['ديسمبر', 'كانون الأول', 'دجنبر']],
];

describe('parseDate: Arabic month names of every region', () => {
  eachForm(
    ARABIC_MONTHS.flatMap(([month, names]) =>
      names.map((name): [string, string] => [
        `7 ${name} 2021`,
        `2021-${String(month).padStart(2, '0')}-07T00:00:00`,
      ]),
    ),
  );
});

describe('parseDate: both names, weekday, time, era', () => {
  eachForm([
    ['18 سبتمبر/أيلول 2023', '2023-09-18T00:00:00'],
    ['18 أيلول (سبتمبر) 2023', '2023-09-18T00:00:00'],
    ['15 أغسطس/آب 2022', '2022-08-15T00:00:00'],
    ['18 سبتمبر - أيلول 2023', '2023-09-18T00:00:00'],
    ['1 كانون الثاني/يناير 2024', '2024-01-01T00:00:00'],
    ['الإثنين 18 سبتمبر 2023 - 10:30 ص', '2023-09-18T10:30:00'],
    ['الأربعاء 13 يونيو 2018 - 4:13 م', '2018-06-13T16:13:00'],
    ['الاثنين، 18 سبتمبر 2023، الساعة 10:30 مساءً', '2023-09-18T22:30:00'],
    ['يوم الجمعة 22 سبتمبر 2023', '2023-09-22T00:00:00'],
    ['الأحد الموافق 17/09/2023', '2023-09-17T00:00:00'],
    ['الإثنين 18 سبتمبر 2023 الساعة 10 صباحاً', '2023-09-18T10:00:00'],
    ['10:30 ص - الإثنين 18 سبتمبر 2023', '2023-09-18T10:30:00'],
    ['18 سبتمبر 2023 14:05', '2023-09-18T14:05:00'],
    ['18 سبتمبر 2023 | 14:05:09', '2023-09-18T14:05:09'],
    ['18 سبتمبر 2023 بتوقيت غرينتش', '2023-09-18T00:00:00Z'],
    ['18 سبتمبر 2023 - 14:05 (ت.غ)', '2023-09-18T14:05:00Z'],
    ['18 سبتمبر 2023م', '2023-09-18T00:00:00'],
    ['18 سبتمبر 2023 م', '2023-09-18T00:00:00'],
    ['18/09/2023م', '2023-09-18T00:00:00'],
    ['18 سبتمبر 2023 م - 10:30 م', '2023-09-18T22:30:00'],
  ]);

  it('reads م right after a year as AD, not as PM', () => {
    expect(found('18 سبتمبر 2023 م').parts).toMatchObject({ hour: null, minute: null });
    expect(found('18 سبتمبر 2023 م 10:30 م').parts).toMatchObject({ hour: 22, minute: 30 });
  });

  it('does not check the weekday against the date', () => {
    expect(read('الثلاثاء 18 سبتمبر 2023')).toEqual(['2023-09-18T00:00:00', 'الثلاثاء 18 سبتمبر 2023']);
  });
});

describe('parseDate: numeric and ISO forms', () => {
  eachForm([
    ['18/09/2023', '2023-09-18T00:00:00'],
    ['18-09-2023', '2023-09-18T00:00:00'],
    ['18.09.2023', '2023-09-18T00:00:00'],
    ['8/9/2023', '2023-09-08T00:00:00'],
    ['2023/09/18', '2023-09-18T00:00:00'],
    ['2023-09-18', '2023-09-18T00:00:00'],
    ['2023-09-18 14:05', '2023-09-18T14:05:00'],
    ['2023-09-18 14:05:30', '2023-09-18T14:05:30'],
    ['2023-09-18T14:05:00Z', '2023-09-18T14:05:00Z'],
    ['2023-09-18T14:05:00.250Z', '2023-09-18T14:05:00Z'],
    ['2023-09-18T14:05:00+03:00', '2023-09-18T14:05:00+03:00'],
    ['2023-09-18 14:05 +00:00', '2023-09-18T14:05:00+00:00'],
    ['GMT 14:05 18.09.2023', '2023-09-18T14:05:00Z'],
    ['بتوقيت غرينتش 10:30 ص 18/09/2023', '2023-09-18T10:30:00Z'],
  ]);

  it('takes a zone written before the time, and lets a zone after the time win', () => {
    expect(found('GMT 17:27 17.03.2020').parts).toMatchObject({ hour: 17, minute: 27, zone: 'Z' });
    expect(found('GMT 17:27 +03:00 17.03.2020').parts.zone).toBe('+03:00');
    // A zone alone before a date is no time: the date stands without one.
    expect(read('GMT 17.03.2020')).toEqual(['2020-03-17T00:00:00', '17.03.2020']);
  });

  it('reads numeric dates day first, as Arabic sites write them', () => {
    expect(found('03/04/2023').parts).toMatchObject({ year: 2023, month: 4, day: 3 });
    expect(parseDate('09/18/2023')).toBeNull();
  });

  it('reports the seconds only when the text gives them', () => {
    expect(found('2023-09-18 14:05').parts).toEqual({
      year: 2023,
      month: 9,
      day: 18,
      hour: 14,
      minute: 5,
      second: null,
      zone: null,
    });
    expect(found('18 سبتمبر 2023').parts).toMatchObject({ hour: null, minute: null, second: null });
  });
});

describe('parseDate: Hijri dates', () => {
  eachForm([
    ['3 ربيع الأول 1445 هـ', '2023-09-18T00:00:00'],
    ['3 ربيع الأول 1445هـ', '2023-09-18T00:00:00'],
    ['10 ذي الحجة 1444 هـ', '2023-06-28T00:00:00'],
    ['1445/03/03 هـ', '2023-09-18T00:00:00'],
    ['03/03/1445هـ', '2023-09-18T00:00:00'],
    ['3 ربيع الأول 1445 هـ الموافق 18 سبتمبر 2023 م', '2023-09-18T00:00:00'],
    ['السبت 22 رجب 1442 هـ الموافق 6 مارس 2021 م', '2021-03-06T00:00:00'],
    ['الإثنين 3 ربيع الأول 1445 هـ - 10:30 ص الموافق لـ 18 سبتمبر 2023', '2023-09-18T10:30:00'],
    ['3 ربيع الأول 1445 هـ (18 سبتمبر 2023 م)', '2023-09-18T00:00:00'],
    ['18 سبتمبر 2023 م الموافق 3 ربيع الأول 1445 هـ', '2023-09-18T00:00:00'],
    ['30 رمضان 1444 هـ الموافق 21 أبريل 2023 م', '2023-04-21T00:00:00'],
    ['الجمعة 30 رمضان 1444 هـ الموافق 21 أبريل 2023 م - 10:30 ص', '2023-04-21T10:30:00'],
    ['30 رمضان 1444 هـ (21 أبريل 2023 م)', '2023-04-21T00:00:00'],
    ['21 أبريل 2023 م الموافق 30 رمضان 1444 هـ', '2023-04-21T00:00:00'],
  ]);

  it('marks a date given only in Hijri as hijri, and one with its Gregorian equivalent as gregorian', () => {
    expect(found('3 ربيع الأول 1445 هـ').calendar).toBe('hijri');
    expect(found('3 ربيع الأول 1445 هـ الموافق 18 سبتمبر 2023 م').calendar).toBe('gregorian');
    expect(found('18/09/2023').calendar).toBe('gregorian');
  });

  it('takes the Gregorian date when the two disagree', () => {
    expect(found('4 ربيع الأول 1445 هـ الموافق 18 سبتمبر 2023 م').iso).toBe('2023-09-18T00:00:00');
    expect(found('18 سبتمبر 2023 م الموافق 9 ربيع الأول 1445 هـ').iso).toBe('2023-09-18T00:00:00');
  });

  // Ramadan 1444 has 29 days in the Umm al-Qura calendar; sites that follow the sighting print a 30th.
  it('reads a Hijri day 30 that the calendar lacks only through its Gregorian equivalent', () => {
    expect(parseDate('30 رمضان 1444 هـ')).toBeNull();
    expect(parseDate('التاريخ: 30 رمضان 1444 هـ')).toBeNull();
    expect(parseDate('30 رمضان 1444 هـ الموافق 31 أبريل 2023 م')).toBeNull();
    const text = 'السبت 30 رمضان 1444 هـ الموافق 21 أبريل 2023 م';
    expect(read(text)).toEqual(['2023-04-21T00:00:00', text]);
    expect(found(text).calendar).toBe('gregorian');
  });

  it('keeps a Hijri date whose Gregorian equivalent is impossible, covering only the Hijri part', () => {
    const text = '3 ربيع الأول 1445 هـ الموافق 31 سبتمبر 2023 م';
    expect(read(text)).toEqual(['2023-09-18T00:00:00', '3 ربيع الأول 1445 هـ']);
  });
});

describe('parseDate: 12-hour clock', () => {
  it.each([
    ['12:00 ص', 0, 0],
    ['12:59 ص', 0, 59],
    ['1:00 ص', 1, 0],
    ['11:59 صباحاً', 11, 59],
    ['12:00 م', 12, 0],
    ['12:30 مساءً', 12, 30],
    ['1:00 م', 13, 0],
    ['11:59 م', 23, 59],
    ['12 ظهراً', 12, 0],
    ['0:30 ص', 0, 30],
    ['14:05 م', 14, 5],
    ['10:30ص', 10, 30],
    ['12:00 AM', 0, 0],
    ['12:00 PM', 12, 0],
    ['2:05 p.m.', 14, 5],
  ])('18 سبتمبر 2023 - %s is %i:%i', (time, hour, minute) => {
    const text = `18 سبتمبر 2023 - ${time}`;
    const date = found(text);
    expect(date.parts).toMatchObject({ hour, minute });
    expect(text.slice(date.start, date.end)).toBe(text);
  });

  it.each(['13:00 ص', '0:30 م', '24:00', '10:60', '25:00 م'])(
    'reads no time from the impossible %s, and the date stops at the year',
    (time) => {
      expect(read(`18 سبتمبر 2023 - ${time}`)).toEqual(['2023-09-18T00:00:00', '18 سبتمبر 2023']);
    },
  );
});

describe('parseDate: relative dates', () => {
  it.each([
    'منذ ساعتين',
    'قبل 3 ساعات',
    'قبل ٣ ساعات',
    'منذ ۵ دقائق',
    'منذ ثلاث ساعات',
    'قبل يومين',
    'منذ قليل',
    'أمس',
    'البارحة',
    'أول من أمس',
    'اليوم',
    'الآن',
    'أمس 10:30 م',
    '3 hours ago',
    'an hour ago',
    'yesterday',
  ])('%s is relative and covers the text', (text) => {
    expect(relative(text)).toEqual({ relative: true, start: 0, end: text.length, text });
  });

  it('finds a relative date inside a sentence', () => {
    expect(relative('نشر قبل 3 ساعات في الرياض').text).toBe('قبل 3 ساعات');
  });

  it('prefers an absolute date anywhere in the text', () => {
    expect(read('اليوم، الإثنين 18 سبتمبر 2023')).toEqual(['2023-09-18T00:00:00', 'الإثنين 18 سبتمبر 2023']);
  });
});

describe('parseDate: not dates', () => {
  it.each([
    '31 فبراير 2023',
    '29 فبراير 2023',
    '31 أبريل 2023',
    '18/13/2023',
    '32/01/2023',
    '00/01/2023',
    '2023-02-30',
    '2023-00-10',
    '18/09/0000',
    '29/02/1900',
    '18/09/23',
    '30 رمضان 1444 هـ',
    '3 رمضان 1444 م',
    '18 سبتمبر 1445 هـ',
    'بين 18 و21 سبتمبر/أيلول',
    'سبتمبر 2023',
    '2023م',
    '1436 – 1437هـ',
    '18 سبتمبر/أكتوبر 2023',
    'النتيجة 25-16 و25-18',
    '',
  ])('%s', (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it('accepts 29 February in a leap year', () => {
    expect(found('29 فبراير 2024').iso).toBe('2024-02-29T00:00:00');
    expect(found('29/02/2000').iso).toBe('2000-02-29T00:00:00');
  });
});

describe('parseDate: dates inside prose', () => {
  it.each([
    ['وقال المتحدث في 18 سبتمبر 2023 إن الاجتماع انتهى.', '18 سبتمبر 2023'],
    ['أعلنت الوزارة يوم الأحد 17 سبتمبر 2023 أن المشروع اكتمل', 'يوم الأحد 17 سبتمبر 2023'],
    ['بين 18 و21 سبتمبر/أيلول 2023 لإجراء محادثات', '21 سبتمبر/أيلول 2023'],
    ['صدر القرار (3 ربيع الأول 1445 هـ) أمس', '3 ربيع الأول 1445 هـ'],
    ['من 18/09/2023 إلى 20/09/2023', '18/09/2023'],
    ['في \u200F١٨ سبتمـــبر ٢٠٢٣\u200F م.', '١٨ سبتمـــبر ٢٠٢٣\u200F م'],
    ['نُشِرَ فِي ١٨ سِبْتَمْبَر ٢٠٢٣ - ١٠:٣٠ مَسَاءً، وتحدث', '١٨ سِبْتَمْبَر ٢٠٢٣ - ١٠:٣٠ مَسَاءً'],
  ])('%s → %s', (text, span) => {
    expect(read(text)[1]).toBe(span);
  });
});

describe('parseDate on any string', () => {
  const anyText = fc.oneof(arabicish, fc.string({ unit: 'binary', maxLength: 60 }));

  it('never throws, and a date it finds lies inside the text with a valid ISO string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = parseDate(text);
        if (result === null) return true;
        const inside = result.start >= 0 && result.start < result.end && result.end <= text.length;
        if (result.relative) return inside && result.text === text.slice(result.start, result.end);
        return (
          inside && PublishedAt.safeParse(result.iso).success && result.iso === toIsoString(result.parts)
        );
      }),
    );
  });

  it('finds the same date with any digit script and with noise around it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.constantFrom(...SCRIPTS.map(([, zero]) => zero)),
        fc.constantFrom('', '\u200F', '\u00A0', 'نشر في: '),
        (date, zero, noise) => {
          const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
          const text = `${noise}${inScript(`${day}/${month}/${year}`, zero)}${noise}`;
          const result = found(text);
          return (
            result.parts.year === year &&
            result.parts.month === month &&
            result.parts.day === day &&
            text.slice(result.start, result.end) === inScript(`${day}/${month}/${year}`, zero)
          );
        },
      ),
    );
  });
});

describe('toIsoString', () => {
  it('pads every field and appends the zone only when there is one', () => {
    const parts = { year: 987, month: 3, day: 4, hour: 5, minute: 6, second: null, zone: null };
    expect(toIsoString(parts)).toBe('0987-03-04T05:06:00');
    expect(toIsoString({ ...parts, hour: null, minute: null, zone: '+03:00' })).toBe(
      '0987-03-04T00:00:00+03:00',
    );
  });
});

describe('public types', () => {
  it('parseDate returns a found date, a relative one, or null, told apart by `relative`', () => {
    expectTypeOf(parseDate).returns.toEqualTypeOf<FoundDate | RelativeDate | null>();
    expectTypeOf<FoundDate['relative']>().toEqualTypeOf<false>();
    expectTypeOf<RelativeDate['relative']>().toEqualTypeOf<true>();
    expectTypeOf<FoundDate['calendar']>().toEqualTypeOf<'gregorian' | 'hijri'>();
    expectTypeOf<DateParts>().toEqualTypeOf<{
      year: number;
      month: number;
      day: number;
      hour: number | null;
      minute: number | null;
      second: number | null;
      zone: string | null;
    }>();
  });
});
