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

/** Decides from the title and the first paragraphs. */
export function detectLanguage(title: string, paragraphs: readonly string[]): Language {
  const count = { arabic: 0, latin: 0, seen: 0 };
  countScripts(title, count);
  for (let index = 0; index < paragraphs.length && count.seen < SAMPLE; index++) {
    countScripts(paragraphs[index] as string, count);
  }
  return count.latin > count.arabic ? { lang: 'en', dir: 'ltr' } : { lang: 'ar', dir: 'rtl' };
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
