/**
 * The language and direction of an article. The family is Arabic; a text whose letters are mostly
 * Latin is marked English and left-to-right so that readers and search do not treat it as Arabic.
 */

// Enough letters to decide; counting the whole body would cost time for nothing.
const SAMPLE = 4000;

export interface Language {
  lang: string;
  dir: 'rtl' | 'ltr';
}

/** Decides from the title and the first paragraphs. */
export function detectLanguage(title: string, paragraphs: readonly string[]): Language {
  let arabic = 0;
  let latin = 0;
  let seen = 0;
  for (const text of [title, ...paragraphs]) {
    for (let index = 0; index < text.length && seen < SAMPLE; index++, seen++) {
      const code = text.charCodeAt(index);
      if ((code >= 0x0620 && code <= 0x064a) || (code >= 0x066e && code <= 0x06d3)) arabic++;
      else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
    }
    if (seen >= SAMPLE) break;
  }
  return latin > arabic ? { lang: 'en', dir: 'ltr' } : { lang: 'ar', dir: 'rtl' };
}
