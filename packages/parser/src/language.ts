/**
 * The language and direction of an article. The family is Arabic; a text whose letters are mostly
 * Latin is marked English and left-to-right so that readers and search do not treat it as Arabic.
 */

// Enough letters to decide; counting the whole body would cost time for nothing.
const SAMPLE = 1000;

export interface Language {
  lang: string;
  dir: 'rtl' | 'ltr';
}

const ARABIC: Language = { lang: 'ar', dir: 'rtl' };
const LATIN_LETTER = /[A-Za-z]/;

/** Decides from the title and the first paragraphs. */
export function detectLanguage(title: string, paragraphs: readonly string[]): Language {
  // Most articles have no Latin letter where the sample is taken: Arabic, without counting a letter.
  if (!hasLatin(title, paragraphs)) return ARABIC;
  const count = { arabic: 0, latin: 0, seen: 0 };
  countScripts(title, count);
  for (let index = 0; index < paragraphs.length && count.seen < SAMPLE; index++) {
    countScripts(paragraphs[index] as string, count);
  }
  return count.latin > count.arabic ? { lang: 'en', dir: 'ltr' } : ARABIC;
}

/** Whether the texts the sample is taken from (maybe a little beyond it) hold a Latin letter. */
function hasLatin(title: string, paragraphs: readonly string[]): boolean {
  if (LATIN_LETTER.test(title)) return true;
  let seen = title.length;
  for (let index = 0; index < paragraphs.length && seen < SAMPLE; index++) {
    const paragraph = paragraphs[index] as string;
    if (LATIN_LETTER.test(paragraph)) return true;
    seen += paragraph.length;
  }
  return false;
}

function countScripts(text: string, count: { arabic: number; latin: number; seen: number }): void {
  const end = Math.min(text.length, SAMPLE - count.seen);
  for (let index = 0; index < end; index++) {
    const code = text.charCodeAt(index);
    if ((code >= 0x0620 && code <= 0x064a) || (code >= 0x066e && code <= 0x06d3)) count.arabic++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) count.latin++;
  }
  count.seen += end;
}
