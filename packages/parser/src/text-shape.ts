import { charClass, classTable, TABLE_LIMIT, WORD } from './char-class.ts';

/** Shape tests on cleaned lines: cheap questions asked of every line. */

const WORD_CHAR = /[\p{L}\p{N}]/u;
// Closing quotes and brackets may follow the sentence's last stop: `… القدم".` or `… «الرياض».`
const CLOSERS = new Set(['"', "'", '»', '”', '’', ')', ']', '}', '›', ' ']);
const STOPS = new Set(['.', '!', '?', '؟', '…', '؛', ';', ':', '۔']);

/** Whether the text has at least one letter or digit. */
export function hasWordChar(text: string): boolean {
  // Nearly every line opens with a letter or digit: one table lookup answers.
  const first = text.charCodeAt(0);
  if (first < TABLE_LIMIT && classTable()[first] === WORD) return true;
  return WORD_CHAR.test(text);
}

/**
 * Number of words: space-separated tokens with at least one letter or digit, so that a dash or an
 * ellipsis standing alone is no word. Lines are cleaned, so single spaces separate the tokens.
 */
export function countWords(text: string): number {
  const table = classTable();
  const length = text.length;
  let count = 0;
  let start = 0;
  while (start < length) {
    let end = text.indexOf(' ', start);
    if (end < 0) end = length;
    for (let index = start; index < end; index++) {
      const code = text.charCodeAt(index);
      if ((code < TABLE_LIMIT ? table[code] : charClass(text, index)) === WORD) {
        count++;
        break;
      }
    }
    start = end + 1;
  }
  return count;
}

/** Whether the line ends a sentence: its last character before closing quotes is a stop. */
export function endsSentence(text: string): boolean {
  let index = text.length - 1;
  while (index >= 0 && CLOSERS.has(text[index] as string)) index--;
  return index >= 0 && STOPS.has(text[index] as string);
}
