import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arabicish } from '../test/arbitraries.ts';
import { normalize } from './normalize.ts';
import { searchTerms, tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('gives each word its offsets in the original text, with harakat, tatweel and bidi marks inside', () => {
    const text = 'قالَ «الاقتصـــادُ» مر\u200Fحبا، ١٤٤٥هـ';
    const tokens = tokenize(text);
    expect(tokens.map((token) => [text.slice(token.start, token.end), token.normalized, token.stem])).toEqual(
      [
        ['قالَ', 'قال', 'قال'],
        ['الاقتصـــادُ', 'الاقتصاد', 'اقتصاد'],
        ['مر\u200Fحبا', 'مرحبا', 'مرحبا'],
        ['١٤٤٥هـ', '1445ه', '1445'],
      ],
    );
  });

  it('keeps the word as written in text', () => {
    const text = '  وَالمُعَلِّمُونَ ';
    expect(tokenize(text)).toEqual([
      { text: 'وَالمُعَلِّمُونَ', start: 2, end: text.length - 1, normalized: 'والمعلمون', stem: 'معلم' },
    ]);
  });

  it('skips runs of marks that normalize to nothing', () => {
    expect(tokenize('\u064E\u0651 كتاب').map((token) => token.normalized)).toEqual(['كتاب']);
  });

  it("gives a word that normalizes to several (ﷺ) one token per part, each on the whole word's span", () => {
    const tokens = tokenize('النبي ﷺ');
    expect(tokens.map((token) => token.normalized)).toEqual(['النبي', 'صلي', 'الله', 'عليه', 'وسلم']);
    expect(new Set(tokens.slice(1).map((token) => `${token.start}-${token.end}`))).toEqual(new Set(['6-7']));
  });

  it('lower-cases Latin words for the stem only', () => {
    expect(tokenize('GMT')[0]).toMatchObject({ normalized: 'GMT', stem: 'gmt' });
  });

  it("slices back to each token's text, whose normalized form contains the token", () => {
    fc.assert(
      fc.property(arabicish, (text) =>
        tokenize(text).every(
          (token) =>
            text.slice(token.start, token.end) === token.text &&
            normalize(token.text).includes(token.normalized) &&
            token.normalized.length > 0,
        ),
      ),
    );
  });
});

describe('searchTerms (arabic.md §3)', () => {
  it('normalizes, splits on non-letters and stems', () => {
    expect(searchTerms('وزير الخارجيّة الصينيّ، والمعلمون!')).toEqual(['زير', 'خارج', 'صين', 'معلم']);
  });

  it('turns query syntax into plain words', () => {
    expect(searchTerms('AND NEAR(x) -y col:z ""')).toEqual(['and', 'near', 'x', 'y', 'col', 'z']);
  });

  it('gives no term for text without letters or digits', () => {
    expect(searchTerms(' -:() «» ')).toEqual([]);
  });

  it('gives the stems tokenize gives, in order', () => {
    fc.assert(
      fc.property(arabicish, (text) => {
        const stems = tokenize(text).map((token) => token.stem);
        return JSON.stringify(searchTerms(text)) === JSON.stringify(stems);
      }),
    );
  });
});
