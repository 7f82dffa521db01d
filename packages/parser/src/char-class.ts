/**
 * Character classes for the hot loops: a table over the alphabetic scripts and punctuation (below
 * U+3000, Arabic included), built once on first use, so counting words costs a lookup per character
 * instead of a Unicode regex step. Rarer characters are classified by the regex itself.
 */

/** Not part of a word. */
export const OTHER = 0;
/** A letter or digit: starts or continues a word. */
export const WORD = 1;
/** A combining mark (harakat): continues a word, never starts one. */
export const MARK = 2;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const COMBINING = /\p{M}/u;
const TABLE_SIZE = 0x3000;
let table: Uint8Array | null = null;

function classify(char: string): number {
  if (LETTER_OR_DIGIT.test(char)) return WORD;
  return COMBINING.test(char) ? MARK : OTHER;
}

function build(): Uint8Array {
  const classes = new Uint8Array(TABLE_SIZE);
  for (let code = 0; code < TABLE_SIZE; code++) classes[code] = classify(String.fromCharCode(code));
  return classes;
}

/** The class table for code units below U+3000; look up rarer ones with `charClass`. */
export function classTable(): Uint8Array {
  table ??= build();
  return table;
}

/** Code units below this are classified by the table. */
export const TABLE_LIMIT = TABLE_SIZE;

/** The class of the code point at `index` of `text` (a surrogate pair is looked up whole). */
export function charClass(text: string, index: number): number {
  const code = text.charCodeAt(index);
  if (code < TABLE_SIZE) return classTable()[code] as number;
  return classify(String.fromCodePoint(text.codePointAt(index) as number));
}

/** The runs of letters, digits and marks of a text, in order: its words, punctuation dropped. */
export function wordRuns(text: string): string[] {
  const classes = classTable();
  const runs: string[] = [];
  let start = -1;
  let index = 0;
  while (index <= text.length) {
    const code = index < text.length ? text.charCodeAt(index) : 32;
    // A surrogate pair is one character: classify it whole and step over both halves.
    const pair = code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
    const inWord = (code < TABLE_SIZE ? classes[code] : charClass(text, index)) !== OTHER;
    if (inWord && start < 0) start = index;
    else if (!inWord && start >= 0) {
      runs.push(text.slice(start, index));
      start = -1;
    }
    index += pair;
  }
  return runs;
}
