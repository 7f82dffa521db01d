import fc from 'fast-check';

/** Characters that exercise every rule: letters, their variant forms, marks, controls, digits. */
export const arabicish = fc.string({
  unit: fc.constantFrom(
    ...'ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإٱىةیکؤئ 0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹:/-.,،()abcGMT',
    ...'\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670\u0653\u0654\u0655\u0640',
    ...'\u200B\u200C\u200D\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFEFF',
    ...'\uFEFB\uFEF7\uFDF2\uFC60\uFE70\uFE71\u00A0\uFB8E',
  ),
  maxLength: 40,
});
