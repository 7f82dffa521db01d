import { charClass, classTable, OTHER, TABLE_LIMIT, WORD } from './char-class.ts';

/** Shape tests on cleaned lines: cheap questions asked of every line. */

const WORD_CHAR = /[\p{L}\p{N}]/u;
// Closing quotes and brackets may follow the sentence's last stop: `… القدم".` or `… «الرياض».`
const CLOSERS = new Set(['"', "'", '»', '”', '’', ')', ']', '}', '›', ' ']);
const STOPS = new Set(['.', '!', '?', '؟', '…', '؛', ';', ':', '۔']);

/** Whether the text has at least one letter or digit. */
export function hasWordChar(text: string): boolean {
  return WORD_CHAR.test(text);
}

/** Number of words: runs of letters and digits (with their marks). */
export function countWords(text: string): number {
  const table = classTable();
  let count = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // Low surrogates were classified with their high half: they neither start nor end a word.
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    const kind = code < TABLE_LIMIT ? (table[code] as number) : charClass(text, index);
    if (kind === WORD) {
      if (!inWord) count++;
      inWord = true;
    } else if (kind === OTHER) {
      inWord = false;
    }
  }
  return count;
}

/** Whether the line ends a sentence: its last character before closing quotes is a stop. */
export function endsSentence(text: string): boolean {
  let index = text.length - 1;
  while (index >= 0 && CLOSERS.has(text[index] as string)) index--;
  return index >= 0 && STOPS.has(text[index] as string);
}
