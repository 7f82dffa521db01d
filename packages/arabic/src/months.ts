import { normalize } from './normalize.ts';

/**
 * Month and weekday names of arabic.md §4. Names are looked up after normalization (N1–N9) and
 * lower-casing, so every hamza, alef maqsura and taa marbuta spelling of a name is one key.
 */

/** Gregorian month names, index 0 = January: Egypt/Gulf, Levant/Iraq, Algeria/Tunisia, Morocco, English. */
const GREGORIAN_NAMES: readonly (readonly string[])[] = [
  ['يناير', 'كانون الثاني', 'كانون ثاني', 'جانفي', 'January', 'Jan'],
  ['فبراير', 'شباط', 'فيفري', 'February', 'Feb'],
  ['مارس', 'آذار', 'March', 'Mar'],
  ['أبريل', 'إبريل', 'نيسان', 'أفريل', 'April', 'Apr'],
  ['مايو', 'أيار', 'ماي', 'May'],
  ['يونيو', 'يونيه', 'حزيران', 'جوان', 'June', 'Jun'],
  ['يوليو', 'يوليه', 'تموز', 'جويلية', 'يوليوز', 'July', 'Jul'],
  ['أغسطس', 'آب', 'أوت', 'غشت', 'August', 'Aug'],
  ['سبتمبر', 'أيلول', 'شتنبر', 'September', 'Sep', 'Sept'],
  ['أكتوبر', 'تشرين الأول', 'تشرين أول', 'October', 'Oct'],
  ['نوفمبر', 'تشرين الثاني', 'تشرين ثاني', 'نونبر', 'November', 'Nov'],
  ['ديسمبر', 'كانون الأول', 'كانون أول', 'دجنبر', 'December', 'Dec'],
];

/**
 * Hijri (Umm al-Qura) month names, index 0 = Muharram. Beside the spec's names: the forms without the
 * article (ربيع أول), the masculine forms of Jumada (جمادى الأول), and ذي/ذا, the case forms of ذو that
 * prose uses after a preposition (في 10 ذي الحجة).
 */
const HIJRI_NAMES: readonly (readonly string[])[] = [
  ['محرم', 'المحرم'],
  ['صفر'],
  ['ربيع الأول', 'ربيع أول'],
  ['ربيع الآخر', 'ربيع الثاني', 'ربيع آخر', 'ربيع ثاني'],
  ['جمادى الأولى', 'جمادى الأول', 'جمادى أولى'],
  ['جمادى الآخرة', 'جمادى الثانية', 'جمادى الآخر', 'جمادى الثاني', 'جمادى آخرة', 'جمادى ثانية'],
  ['رجب'],
  ['شعبان'],
  ['رمضان'],
  ['شوال'],
  ['ذو القعدة', 'ذي القعدة', 'ذا القعدة', 'ذوالقعدة'],
  ['ذو الحجة', 'ذي الحجة', 'ذا الحجة', 'ذوالحجة'],
];

/** Weekday names, index 0 = Sunday (as `Date.prototype.getUTCDay`). */
const WEEKDAY_NAMES: readonly (readonly string[])[] = [
  ['الأحد', 'Sunday', 'Sun'],
  ['الاثنين', 'الإثنين', 'Monday', 'Mon'],
  ['الثلاثاء', 'Tuesday', 'Tue', 'Tues'],
  ['الأربعاء', 'Wednesday', 'Wed'],
  ['الخميس', 'Thursday', 'Thu', 'Thurs'],
  ['الجمعة', 'Friday', 'Fri'],
  ['السبت', 'Saturday', 'Sat'],
];

/** What a calendar word names. `value` is a month number (1–12) or a weekday (0 = Sunday). */
export interface CalendarName {
  kind: 'gregorian' | 'hijri' | 'weekday';
  value: number;
}

/** The lookup key of a name: normalized, lower-cased, single-spaced, without a closing abbreviation dot. */
function nameKey(name: string): string {
  return normalize(name).toLowerCase().trim().replace(/\.$/, '').replace(/\s+/g, ' ');
}

function buildIndex(): Map<string, CalendarName> {
  const index = new Map<string, CalendarName>();
  const add = (kind: CalendarName['kind'], table: readonly (readonly string[])[], first: number) => {
    table.forEach((names, position) => {
      for (const name of names) index.set(nameKey(name), { kind, value: position + first });
    });
  };
  add('gregorian', GREGORIAN_NAMES, 1);
  add('hijri', HIJRI_NAMES, 1);
  add('weekday', WEEKDAY_NAMES, 0);
  return index;
}

const NAMES = buildIndex();
// Names are one or two words; these are the first words of the two-word ones (كانون, ربيع, ذو…).
const TWO_WORD_STARTS = new Set(
  [...NAMES.keys()].filter((key) => key.includes(' ')).map((key) => key.split(' ')[0]),
);

/** Whether a normalized word begins a two-word name. */
export function startsTwoWordName(word: string): boolean {
  return TWO_WORD_STARTS.has(word);
}

/** Looks up an already normalized, lower-cased, single-spaced name. */
export function lookupName(key: string): CalendarName | null {
  return NAMES.get(key) ?? null;
}

function nameValue(name: string, kind: CalendarName['kind']): number | null {
  const found = NAMES.get(nameKey(name));
  return found?.kind === kind ? found.value : null;
}

/** The Gregorian month (1–12) a month name of any region, or an English name or abbreviation, stands for: `monthFromName('أيلول')` is 9; null for anything else. */
export function monthFromName(name: string): number | null {
  return nameValue(name, 'gregorian');
}

/** The Hijri month (1–12) a name (or one of its alternative names) stands for, or null. */
export function hijriMonthFromName(name: string): number | null {
  return nameValue(name, 'hijri');
}

/** The weekday (0 = Sunday … 6 = Saturday) an Arabic or English name stands for, or null. */
export function weekdayFromName(name: string): number | null {
  return nameValue(name, 'weekday');
}
