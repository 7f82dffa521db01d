// Counted nouns in Arabic. The noun after a number changes with it: a dual for two, a plural for three
// to ten, an accusative singular for eleven to ninety-nine, a genitive singular for a hundred, and the
// same again by the last two digits. `Intl.PluralRules('ar')` names exactly these classes.

const rules = new Intl.PluralRules('ar');
const digits = new Intl.NumberFormat('ar-u-nu-latn');

/**
 * The forms of a counted noun for each class; `#` stands for the number, written in Latin digits as
 * the site writes every number. `one` and `two` usually leave the number out: Arabic says «مصدران»,
 * not «2 مصدر».
 */
export interface CountedForms {
  zero?: string;
  one: string;
  two: string;
  /** 3–10, and 103–110 and so on. */
  few: string;
  /** 11–99, and 111–199 and so on. */
  many: string;
  /** 100–102, 200–202 and so on. */
  other: string;
}

/** The noun phrase for `count` things. */
export function counted(count: number, forms: CountedForms): string {
  const category = rules.select(count) as keyof CountedForms;
  const form = forms[category] ?? forms.other;
  return form.replaceAll('#', digits.format(count));
}

/** Articles, as the subject of a sentence: «مقالان»، «3 مقالات». */
export const articles: CountedForms = {
  zero: 'لا مقالات',
  one: 'مقال واحد',
  two: 'مقالان',
  few: '# مقالات',
  many: '# مقالًا',
  other: '# مقال',
};

/** Outlets, as the subject of a sentence: «مصدران»، «3 مصادر». */
export const outlets: CountedForms = {
  zero: 'لا مصادر',
  one: 'مصدر واحد',
  two: 'مصدران',
  few: '# مصادر',
  many: '# مصدرًا',
  other: '# مصدر',
};

/** Other outlets, after «في»: «في مصدرين آخرين»، «في 3 مصادر أخرى». */
export const otherOutletsAfterIn: CountedForms = {
  one: 'مصدر آخر',
  two: 'مصدرين آخرين',
  few: '# مصادر أخرى',
  many: '# مصدرًا آخر',
  other: '# مصدر آخر',
};

/** Other articles, as the subject of a sentence: «مقالان آخران»، «3 مقالات أخرى». */
export const otherArticles: CountedForms = {
  one: 'مقال آخر',
  two: 'مقالان آخران',
  few: '# مقالات أخرى',
  many: '# مقالًا آخر',
  other: '# مقال آخر',
};
