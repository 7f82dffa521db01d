/** Shape tests on cleaned lines: cheap questions asked of every line. */

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
// Closing quotes and brackets may follow the sentence's last stop: `… القدم".` or `… «الرياض».`
const CLOSERS = new Set(['"', "'", '»', '”', '’', ')', ']', '}', '›', ' ']);
const STOPS = new Set(['.', '!', '?', '؟', '…', '؛', ';', ':', '۔']);
const LETTER = /\p{L}/u;

/** Whether the text has at least one letter or digit. */
export function hasWordChar(text: string): boolean {
  return WORD_CHAR.test(text);
}

/** Number of words: runs of letters and digits (with their marks). */
export function countWords(text: string): number {
  let count = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) count++;
  return count;
}

/** Whether the line ends a sentence: its last character before closing quotes is a stop. */
export function endsSentence(text: string): boolean {
  let index = text.length - 1;
  while (index >= 0 && CLOSERS.has(text[index] as string)) index--;
  return index >= 0 && STOPS.has(text[index] as string);
}

/** Whether the text contains a letter of any script. */
export function hasLetter(text: string): boolean {
  return LETTER.test(text);
}
