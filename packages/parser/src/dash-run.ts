import { foldWords } from './fold.ts';

/**
 * A short run of names joined by dashes: `داليا أبوالعيش – عين اليوم`, `سبق- الرياض`,
 * `خالد علي - فرانس 24 - جدة`, `عبدالرحمن بن سعد آل الشيخ – الرياض`. Bylines are such runs on their
 * own line; datelines open a paragraph with one.
 */

// Hyphen, en and em dashes, figure dash, horizontal bar; a tatweel only when it stands alone between spaces.
const DASH = /\s*[-‐‑‒–—―]\s*|\s+ـ\s+/;
const DASHES = /\s*[-‐‑‒–—―]\s*|\s+ـ\s+/g;
// A part names a person, an outlet or a place: words of letters and digits (عربي21, فرانس 24), maybe
// quoted, bracketed, abbreviated (د. خالد) or paired by a slash (الرياض/جدة). No commas, colons or
// other sentence punctuation.
const PART = /^[\p{L}\p{M}\p{N}«»"“”'’()./ ]+$/u;
const LETTER = /\p{L}/u;
const MAX_PARTS = 5;
// Short: a run names a few things in a few words, whatever its number of parts.
const MAX_WORDS = 10;
// A part is a name, not a clause: none of the words that only sentences use (prepositions,
// conjunctions, relatives, pronouns, auxiliaries; normalized). على is left out: normalized, it is the
// name علي. So `قدر من رب العالمين - سبحانه وتعالى - أن يتصارعا:` opens no dateline.
const SENTENCE_WORDS = new Set([
  ...['في', 'من', 'الي', 'عن', 'مع', 'منذ', 'حتي', 'خلال', 'بعد', 'قبل', 'عند', 'لدي', 'حول', 'بين'],
  ...['ان', 'انه', 'انها', 'لان', 'او', 'ثم', 'كما', 'لكن', 'بل', 'اذا', 'لو', 'قد', 'لقد', 'لم', 'لن'],
  ...['لا', 'ما', 'التي', 'الذي', 'الذين', 'هذا', 'هذه', 'ذلك', 'تلك', 'هو', 'هي', 'هم', 'كان', 'كانت'],
  ...['وفي', 'ومن', 'وقد', 'وقال', 'قال', 'قالت', 'وقالت', 'حيث', 'الا', 'عبر', 'ضد', 'نحو', 'امس'],
]);
// Parts up to this many words are names as they stand. A longer part must be a full personal name:
// a chain linked by بن, بنت, آل, أبو… (عبدالرحمن بن سعد آل الشيخ), so that
// `أعلنت قيادة القوات البرية الملكية السعودية - …` stays text.
const NAME_WORDS = 4;
// Lineage words, normalized (آل is ال once its madda goes).
const LINEAGE = new Set(['بن', 'بنت', 'ابن', 'ابنه', 'ال', 'ابو', 'ابي', 'ام']);

/**
 * Whether the text is a short dash-joined run of names: two to five parts, at most ten words in all,
 * no sentence punctuation or sentence words, and every part of more than four words a full name.
 */
export function isDashRun(text: string): boolean {
  if (!DASH.test(text)) return false;
  const parts = text.split(DASHES);
  if (parts.length < 2 || parts.length > MAX_PARTS) return false;
  let words = 0;
  for (const part of parts) {
    const trimmed = part.trim();
    if (trimmed.length === 0 || !PART.test(trimmed) || !LETTER.test(trimmed)) return false;
    const count = trimmed.split(' ').length;
    words += count;
    if (words > MAX_WORDS) return false;
    if (!readsAsName(trimmed, count)) return false;
  }
  return true;
}

/** Whether a part reads as a name: no sentence words, and a lineage chain when it is long. */
function readsAsName(part: string, count: number): boolean {
  const words = foldWords(part);
  if (words.some((word) => SENTENCE_WORDS.has(word))) return false;
  if (count <= NAME_WORDS) return true;
  // A full stop closing a long part ends a sentence, not an abbreviation.
  return !part.endsWith('.') && words.some((word) => LINEAGE.has(word));
}
