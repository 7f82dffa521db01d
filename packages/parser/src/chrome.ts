import { ACTIONS, AD_WORDS, APPS, CHROME_FILLER, CHROME_PHRASES, PLATFORMS } from './chrome-words.ts';
import { foldWords } from './fold.ts';
import { endsSentence } from './text-shape.ts';

/**
 * Site chrome left in a scraped page: share and follow prompts, ad placeholders, print and comment
 * links. A rule over normalized words rather than a list of lines, so that any wording of the same
 * prompt is chrome (`انشر على فيسبوك`, `تابعونا عبر منصة إكس`, `لمتابعة آخر الأخبار تابعونا على تويتر`,
 * `محتوى إعلاني`), while body lines that merely start with such a word (`شارك أكثر من خمسمائة شخص…`,
 * `إعلان نتائج القبول…`) stay text.
 */

// Chrome is a few words; a longer line is text even when it starts like a prompt.
const MAX_LENGTH = 60;
const MAX_WORDS = 8;
// A follow prompt may name whom to follow (`تابع العربية على جوجل نيوز`, `تابعوا عين اليوم على تويتر`).
const MAX_NAME_WORDS = 2;
const LEADING_WORD = /[\p{L}\p{N}][^\s]*/u;

/** Every word a chrome line can start with. */
const FIRST_WORDS = new Set([
  ...[...CHROME_PHRASES].map((phrase) => phrase.split(' ')[0] as string),
  ...ACTIONS,
  ...AD_WORDS,
  ...PLATFORMS,
  ...['مساحه', 'محتوي', 'المحتوي'],
]);

/** Whether a cleaned line is site chrome. */
export function isChrome(text: string): boolean {
  if (text.length > MAX_LENGTH || spaces(text) >= MAX_WORDS) return false;
  // Most short lines are names and headlines: their first word already rules them out.
  const first = foldWords(LEADING_WORD.exec(text)?.[0] ?? '')[0];
  if (first === undefined || !FIRST_WORDS.has(first)) return false;
  const words = foldWords(text);
  if (words.length === 0 || words.length > MAX_WORDS) return false;
  if (CHROME_PHRASES.has(words.join(' '))) return true;
  if (ACTIONS.has(words[0] as string)) return isPrompt(text, words);
  // An ad placeholder: ad words with the words around them (`مساحة إعلانية مدفوعة`, `إعلانات جوجل`).
  if (words.some((word) => AD_WORDS.has(word)) && words.every(isAdPart)) return true;
  // A row of share buttons.
  return words.length > 1 && words.every((word) => PLATFORMS.has(word));
}

/**
 * A prompt opened by a share/follow verb: made only of prompt words, or naming a platform or an app
 * with at most two other words (whom to follow, which app) and no sentence end.
 */
function isPrompt(text: string, words: readonly string[]): boolean {
  let platform = false;
  let names = 0;
  for (const word of words) {
    if (PLATFORMS.has(word) || APPS.has(word)) platform = true;
    else if (!ACTIONS.has(word) && !CHROME_FILLER.has(word) && !AD_WORDS.has(word)) names++;
  }
  if (names === 0) return true;
  return platform && names <= MAX_NAME_WORDS && !endsSentence(text);
}

function isAdPart(word: string): boolean {
  return AD_WORDS.has(word) || CHROME_FILLER.has(word) || PLATFORMS.has(word);
}

function spaces(text: string): number {
  let count = 0;
  for (let index = text.indexOf(' '); index >= 0; index = text.indexOf(' ', index + 1)) count++;
  return count;
}
