import { describe, expect, it } from 'vitest';
import { hijriMonthFromName, monthFromName, weekdayFromName } from './months.ts';

// arabic.md §4, row by row: Egypt/Gulf, Levant/Iraq, Algeria/Tunisia, Morocco, English.
const GREGORIAN_TABLE: [number, string[], string[], string[], string[], string[]][] = [
  [1, ['يناير'], ['كانون الثاني'], ['جانفي'], ['يناير'], ['January', 'Jan']],
  [2, ['فبراير'], ['شباط'], ['فيفري'], ['فبراير'], ['February', 'Feb']],
  [3, ['مارس'], ['آذار'], ['مارس'], ['مارس'], ['March', 'Mar']],
  [4, ['أبريل', 'إبريل'], ['نيسان'], ['أفريل'], ['أبريل'], ['April', 'Apr']],
  [5, ['مايو'], ['أيار'], ['ماي'], ['ماي'], ['May']],
  [6, ['يونيو', 'يونيه'], ['حزيران'], ['جوان'], ['يونيو'], ['June', 'Jun']],
  [7, ['يوليو', 'يوليه'], ['تموز'], ['جويلية'], ['يوليوز'], ['July', 'Jul']],
  [8, ['أغسطس'], ['آب'], ['أوت'], ['غشت'], ['August', 'Aug']],
  [9, ['سبتمبر'], ['أيلول'], ['سبتمبر'], ['شتنبر'], ['September', 'Sep', 'Sept']],
  [10, ['أكتوبر'], ['تشرين الأول'], ['أكتوبر'], ['أكتوبر'], ['October', 'Oct']],
  [11, ['نوفمبر'], ['تشرين الثاني'], ['نوفمبر'], ['نونبر'], ['November', 'Nov']],
  [12, ['ديسمبر'], ['كانون الأول'], ['ديسمبر'], ['دجنبر'], ['December', 'Dec']],
];

const HIJRI_TABLE: [number, string[]][] = [
  [1, ['محرم']],
  [2, ['صفر']],
  [3, ['ربيع الأول']],
  [4, ['ربيع الآخر', 'ربيع الثاني']],
  [5, ['جمادى الأولى']],
  [6, ['جمادى الآخرة', 'جمادى الثانية']],
  [7, ['رجب']],
  [8, ['شعبان']],
  [9, ['رمضان']],
  [10, ['شوال']],
  [11, ['ذو القعدة']],
  [12, ['ذو الحجة']],
];

/** Spellings writers use for the same name: every alef form, ى/ي, ة/ه, harakat, tatweel. */
function variants(name: string): string[] {
  const spellings = new Set([name]);
  for (const alef of ['ا', 'أ', 'إ', 'آ']) spellings.add(name.replace(/[اأإآ]/g, alef));
  spellings.add(name.replace(/ى/g, 'ي'));
  spellings.add(name.replace(/ة/g, 'ه'));
  spellings.add(name.replace(/ي$/, 'ى'));
  spellings.add([...name].join('\u064E').replace(/\u064E \u064E/g, ' '));
  if (name.length > 3) spellings.add(`${name.slice(0, 2)}\u0640\u0640${name.slice(2)}`);
  return [...spellings];
}

describe('monthFromName: every Gregorian name of every region', () => {
  const rows = GREGORIAN_TABLE.flatMap(([month, ...regions]) =>
    regions.flat().map((name) => [name, month] as const),
  );

  it.each(rows)('%s is month %i in every alef, yaa, taa and vowelled spelling', (name, month) => {
    for (const spelling of variants(name)) expect(monthFromName(spelling)).toBe(month);
  });

  it.each(rows.filter(([name]) => /^[A-Za-z]+$/.test(name)))('%s matches in any case', (name, month) => {
    expect(monthFromName(name.toUpperCase())).toBe(month);
    expect(monthFromName(name.toLowerCase())).toBe(month);
  });

  it('takes an abbreviation dot, surrounding spaces and doubled spaces', () => {
    expect(monthFromName('Sept.')).toBe(9);
    expect(monthFromName('  كانون   الثاني ')).toBe(1);
  });

  it('gives null for a word that is no Gregorian month', () => {
    for (const word of ['', 'كانون', 'تشرين', 'الثاني', 'رمضان', 'الإثنين', 'Septembre', 'Ma']) {
      expect(monthFromName(word)).toBeNull();
    }
  });
});

describe('hijriMonthFromName: the twelve months and their alternative names', () => {
  const rows = HIJRI_TABLE.flatMap(([month, names]) => names.map((name) => [name, month] as const));

  it.each(rows)('%s is Hijri month %i in every spelling', (name, month) => {
    for (const spelling of variants(name)) expect(hijriMonthFromName(spelling)).toBe(month);
  });

  it.each([
    ['ربيع أول', 3],
    ['ربيع آخر', 4],
    ['جمادى الأول', 5],
    ['جمادى الآخر', 6],
    ['ذي القعدة', 11],
    ['ذي الحجة', 12],
    ['ذوالحجة', 12],
  ])('also reads %s as month %i', (name, month) => {
    expect(hijriMonthFromName(name)).toBe(month);
  });

  it('does not read Gregorian names or half names', () => {
    for (const word of ['سبتمبر', 'ربيع', 'جمادى', 'الحجة']) expect(hijriMonthFromName(word)).toBeNull();
  });
});

describe('weekdayFromName', () => {
  it.each([
    ['الأحد', 0],
    ['الاثنين', 1],
    ['الإثنين', 1],
    ['الثلاثاء', 2],
    ['الأربعاء', 3],
    ['الخميس', 4],
    ['الجمعة', 5],
    ['السبت', 6],
    ['Monday', 1],
    ['sat', 6],
  ])('%s is day %i (Sunday = 0)', (name, day) => {
    for (const spelling of variants(name)) expect(weekdayFromName(spelling)).toBe(day);
  });

  it('does not read month names', () => {
    expect(weekdayFromName('مارس')).toBeNull();
  });
});
