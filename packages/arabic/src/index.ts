export { type DateParts, type FoundDate, parseDate, type RelativeDate, toIsoString } from './date.ts';
export { type CalendarDay, hijriMonthLength, hijriToGregorian } from './hijri.ts';
export { lowerCase } from './lower-case.ts';
export { hijriMonthFromName, monthFromName, weekdayFromName } from './months.ts';
export { INVISIBLE_CHARACTERS, normalize, normalizeLowerCase, toLatinDigits } from './normalize.ts';
export { type NormalizedText, normalizeWithOffsets } from './normalize-offsets.ts';
export { lightStem, stemCandidates } from './stem.ts';
export { matchStems, type StemMatches, searchTerms, type Token, tokenize } from './tokenize.ts';
