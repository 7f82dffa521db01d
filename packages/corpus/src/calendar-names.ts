// Month and weekday names as Arabic news sites write them, for the renderings' date lines.

export const EGYPTIAN_MONTHS = [
  ...['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر'],
  ...['نوفمبر', 'ديسمبر'],
];
export const LEVANTINE_MONTHS = [
  ...['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول'],
  ...['تشرين الثاني', 'كانون الأول'],
];
export const MAGHREBI_MONTHS = [
  ...['جانفي', 'فيفري', 'مارس', 'أفريل', 'ماي', 'جوان', 'جويلية', 'أوت', 'سبتمبر', 'أكتوبر', 'نوفمبر'],
  'ديسمبر',
];
export const ENGLISH_MONTHS = [
  ...['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October'],
  ...['November', 'December'],
];
/** Sunday first, as `Date#getUTCDay` counts. */
export const WEEKDAYS = ['الأحد', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];

/** Two digits, zero-padded. */
export const pad = (value: number) => String(value).padStart(2, '0');

/** Latin digits written as Arabic-Indic ones (٠–٩). */
export function arabicIndic(text: string): string {
  return text.replace(/\d/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));
}

/** The Arabic weekday of a Gregorian date. */
export function weekdayOf(year: number, month: number, day: number): string {
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] as string;
}
