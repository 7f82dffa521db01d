import { describe, expect, it } from 'vitest';
import { readByline } from './byline.ts';
import { isDashRun } from './dash-run.ts';
import { datelineEnd } from './dateline.ts';

describe('isDashRun', () => {
  it.each([
    'داليا أبوالعيش – عين اليوم',
    'سبق- الرياض',
    'خالد علي - سبق - جدة',
    // Words are runs of letters and digits: outlets with digits are names too.
    'منى الشهري – عربي21',
    'عربي21- الدوحة',
    'حسن علي — فرانس 24 — باريس',
    'قناة 24 – دبي',
    // A part of five or more words is a full name, chained by بن and آل.
    'عبدالعزيز بن فهد بن سعد آل مقرن – جدة',
    'سلمان بن محمد آل ثاني - الجزيرة نت - الدوحة',
    'ماجد أبو زيد – واس – الطائف – مكة المكرمة – جدة',
    'رويترز - القاهرة/الإسكندرية',
  ])('reads %s as a run of names', (text) => {
    expect(isDashRun(text)).toBe(true);
  });

  it.each([
    'الرياض',
    '2023 - 2024',
    'الرياض - أعلنت وزارة الصحة عن تسجيل حالات جديدة',
    'أعلنت قيادة القوات البرية الملكية السعودية - اللجنة المركزية',
    'وقال عبدالله بن محمد آل سعود - الرياض',
    'الرياض - افتتح الأمير فهد بن سلطان المهرجان.',
    'خالد علي، سبق - جدة',
    'أحمد - علي - سبق - جدة - الرياض - الدمام',
    'عبدالله محمد صالح العتيبي - صحيفة سبق الإلكترونية - مكة المكرمة - جدة - الطائف',
    'قدر من رب العالمين - سبحانه وتعالى - أن يتصارعا',
    'المؤتمر - الذي عقد أمس',
  ])('leaves %s as text', (text) => {
    expect(isDashRun(text)).toBe(false);
  });
});

describe('readByline', () => {
  it('takes a prefixed byline with digits or a long name, without the prefix', () => {
    for (const [text, byline] of [
      ['كتب: منى الشهري – عربي21 – لندن', 'منى الشهري – عربي21 – لندن'],
      [
        'بقلم: عبدالعزيز بن فهد آل مقرن - سكاي نيوز عربية - أبوظبي',
        'عبدالعزيز بن فهد آل مقرن - سكاي نيوز عربية - أبوظبي',
      ],
      ['كتب: فرانس 24', 'فرانس 24'],
    ] as const) {
      const found = readByline(text);
      expect(found && text.slice(found.start, found.end)).toBe(byline);
    }
  });

  it('refuses a prefixed sentence or a number alone', () => {
    expect(readByline('كتب: الرئيس أن المحادثات كانت مثمرة، وأضاف أنها ستستمر')).toBeNull();
    expect(readByline('كتب: 2024')).toBeNull();
  });
});

describe('datelineEnd', () => {
  it('finds datelines with digits and with a long name', () => {
    for (const [paragraph, dateline] of [
      ['الدوحة - عربي21: قالت مصادر مطلعة إن المفاوضات استؤنفت.', 'الدوحة - عربي21'],
      [
        'عبدالعزيز بن فهد بن سعد آل مقرن - سبق - جدة: أعلنت الأمانة عن خطة جديدة.',
        'عبدالعزيز بن فهد بن سعد آل مقرن - سبق - جدة',
      ],
    ] as const) {
      expect(paragraph.slice(0, datelineEnd(paragraph))).toBe(dateline);
    }
  });

  it('finds none in a sentence that has a dash before its colon', () => {
    expect(datelineEnd('وقال الوزير - في كلمته أمام المجلس: إن العمل مستمر.')).toBe(-1);
  });
});
