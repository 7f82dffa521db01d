import { charClass, classTable, OTHER, TABLE_LIMIT, wordRuns } from '../char-class.ts';
import type { Line } from '../lines.ts';
import { FUNCTION_WORDS } from './function-words.ts';

/** What a line of a full-page dump looks like, measured once per line. */
export interface LineFeatures {
  /** Runs of letters and digits. */
  words: number;
  /** Words of `FUNCTION_WORDS`. */
  functionWords: number;
  /** Sentence punctuation: Arabic commas and semicolons, and full stops, question and exclamation marks after a word. */
  stops: number;
  /** The line closes with a single full stop (not an ellipsis), `!` or `؟`/`?`, before any closing quotes. */
  endsSentence: boolean;
  /** The line closes with a colon: a label whose value follows. */
  endsColon: boolean;
  /** Arabic letters outnumber Latin ones. */
  arabic: boolean;
  /** A web address, an e-mail address, a copyright sign or a row of links: never prose or a headline. */
  link: boolean;
  /** Reads as a paragraph of running text. */
  prose: boolean;
}

const CLOSERS = new Set(['"', "'", '»', '”', '’', ')', ']', '}', '›']);
const LINK = /https?:\/\/|www\.|@[\w-]+\.\w|©|\.(?:com|net|org)\b/i;
// A paragraph is long with sentence punctuation, or very long with function words, or a shorter
// sentence closed by a full stop. Headlines of lists are long too, but rarely punctuated.
const LONG_WORDS = 15;
const VERY_LONG_WORDS = 25;
const SENTENCE_WORDS = 8;
// A row of links: items parted by bars or bullets (`الرئيسية | سياسة | اقتصاد`).
const MIN_LINK_ROW_SEPARATORS = 2;
const SEPARATOR = /\s[|•·]\s/g;
// A breadcrumb: a few short items parted by arrows or slashes (`الرئيسية / عربي ودولي`).
const CRUMB = /\s[>»›/]\s/;
const CRUMBS = /\s[>»›/]\s/g;
const MAX_CRUMB_WORDS = 3;

/** Measures one line. */
export function lineFeatures(line: Line): LineFeatures {
  const { text } = line;
  const runs = wordRuns(text);
  let functionWords = 0;
  for (const run of runs) if (FUNCTION_WORDS.has(run)) functionWords++;
  const { stops, arabic, latin } = characters(text);
  const close = lastBeforeClosers(text);
  const last = text[close];
  const singleStop = last === '.' && text[close - 1] !== '.';
  const endsSentence = singleStop || last === '!' || last === '؟' || last === '?';
  const link = isLink(text);
  const words = runs.length;
  const isArabic = arabic > latin;
  const prose =
    !link &&
    isArabic &&
    ((words >= LONG_WORDS && stops > 0) ||
      (words >= VERY_LONG_WORDS && functionWords >= 2) ||
      (words >= SENTENCE_WORDS && singleStop && functionWords > 0));
  return {
    words,
    functionWords,
    stops,
    endsSentence,
    endsColon: last === ':' || last === '：',
    arabic: isArabic,
    link,
    prose,
  };
}

/** A web address, an e-mail address, a copyright sign, a row of links or a breadcrumb. */
export function isLink(text: string): boolean {
  return LINK.test(text) || separators(text) >= MIN_LINK_ROW_SEPARATORS || isBreadcrumb(text);
}

/** How many words `wordRuns` would give, without making them, counting up to `atMost`. */
export function runCount(text: string, atMost: number): number {
  const classes = classTable();
  let count = 0;
  let inRun = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const inWord = (code < TABLE_LIMIT ? classes[code] : charClass(text, index)) !== OTHER;
    if (inWord && !inRun && ++count >= atMost) return count;
    inRun = inWord;
    // The second half of a surrogate pair belongs to the character classified with the first.
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) index++;
  }
  return count;
}

function separators(text: string): number {
  return text.includes('|') || text.includes('•') || text.includes('·')
    ? (text.match(SEPARATOR)?.length ?? 0)
    : 0;
}

function isBreadcrumb(text: string): boolean {
  if (!CRUMB.test(text)) return false;
  return text.split(CRUMBS).every((part) => part.trim().split(' ').length <= MAX_CRUMB_WORDS);
}

function lastBeforeClosers(text: string): number {
  let index = text.length - 1;
  while (index >= 0 && CLOSERS.has(text[index] as string)) index--;
  return index;
}

/** Whether the text has sentence punctuation as `characters` counts it: the first one answers. */
export function hasStop(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x060c || code === 0x061b || code === 0x061f || code === 0x21) return true;
    if ((code === 0x2e || code === 0x2c) && isLetterAt(text, index - 1) && text[index + 1] !== '.')
      return true;
  }
  return false;
}

/** Counts sentence punctuation and Arabic and Latin letters in one pass. */
function characters(text: string): { stops: number; arabic: number; latin: number } {
  let stops = 0;
  let arabic = 0;
  let latin = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0x0621 && code <= 0x064a) arabic++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
    else if (code === 0x060c || code === 0x061b || code === 0x061f || code === 0x21) stops++;
    // A full stop or comma after a letter, not in a number (17.03.2020) or an ellipsis.
    else if ((code === 0x2e || code === 0x2c) && isLetterAt(text, index - 1) && text[index + 1] !== '.')
      stops++;
  }
  return { stops, arabic, latin };
}

function isLetterAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return (
    (code >= 0x0621 && code <= 0x064a) || (code >= 0x41 && code <= 0x7a) || code === 0x22 || code === 0xbb
  );
}
