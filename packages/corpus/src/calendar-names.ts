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
