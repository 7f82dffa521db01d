/** A time of day (`14:00`, `5:30`). */
const TIME = /(?:^|\D)\d{1,2}:\d{2}(?:\D|$)/;
/** A numeric date (`17.03.2020`, `2019-11-19`, `11/19/19`). */
const NUMERIC_DATE = /(?:^|\D)(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2})(?:\D|$)/;
/** A year of the last century or this one. */
const YEAR = /(?:^|\D)(?:19|20)\d{2}(?:\D|$)/;
/** Punctuation that ends a sentence, Latin or Arabic. */
const SENTENCE_END = /[.!?؟]["'”’»)]?$/;

/** A line longer than this, or of more words, is prose whatever dates it holds. */
const MAX_CHARS = 120;
const MAX_WORDS = 14;
const MAX_WORDS_WITH_YEAR_ONLY = 8;

/**
 * Whether a short block is a date line (`GMT 17:27 17.03.2020`, `الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00`,
 * `Updated Nov 19, 2019 at 5:00 pm`): a time or a date, few words and no sentence end.
 */
export function isDateLine(text: string): boolean {
  if (text.length > MAX_CHARS || SENTENCE_END.test(text)) return false;
  const words = text.split(' ').length;
  if (words > MAX_WORDS) return false;
  if (TIME.test(text) || NUMERIC_DATE.test(text)) return true;
  return words <= MAX_WORDS_WITH_YEAR_ONLY && YEAR.test(text);
}
