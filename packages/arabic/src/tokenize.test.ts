import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arabicish } from '../test/arbitraries.ts';
import { normalize } from './normalize.ts';
import { lightStem } from './stem.ts';
import { matchStems, searchTerms, type Token, tokenize } from './tokenize.ts';

// The definitions, written as plainly as they read in arabic.md §3: the oracles the table-driven
// implementations must agree with on any text.
const WORD = /[\p{L}\p{M}\p{N}\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]+/gu;
const SPLIT = /[^\p{L}\p{N}]+/u;

function plainTokenize(text: string): Token[] {
  return Array.from(text.matchAll(WORD)).flatMap((match) =>
    normalize(match[0])
      .split(SPLIT)
      .filter((part) => part.length > 0)
      .map((part) => ({
        text: match[0],
        start: match.index,
        end: match.index + match[0].length,
        normalized: part,
        stem: lightStem(part.toLowerCase()),
      })),
  );
}

function plainSearchTerms(text: string): string[] {
  return normalize(text)
    .split(SPLIT)
    .filter((word) => word.length > 0)
    .map((word) => lightStem(word.toLowerCase()));
}

// Letters with and without harakat, hamza forms and combining hamza and madda, tatweel, both digit
// sets, presentation forms and ligatures, Latin with case, Hangul jamo, astral letters and emoji, lone
// surrogates, controls inside words, punctuation and spaces.
const PIECES = [
  'ㄱ',
  'ㅏ',
  'ㄳ',
  '가',
  '\uFFA1',
  '\uFFC2',
  'ا',
  'أ',
  'إ',
  'آ',
  'ب',
  'ة',
  'ى',
  'ی',
  'ک',
  'ـ',
  '\u064E',
  '\u0651',
  '\u0670',
  '\u0653',
  '\u0654',
  'ال',
  'و',
  '٣',
  '۷',
  '9',
  'ﻻ',
  'ﷺ',
  'ﬁ',
  'A',
  'İ',
  'ǅ',
  'x',
  '\u1100',
  '\u1161',
  '𝐀',
  '😀',
  '\uD800',
  '\uDC00',
  '\u200F',
  '\u200D',
  '\uFEFF',
  '\u0301',
  ' ',
  '\n',
  '.',
  '-',
  '،',
  '«',
  '²',
  '½',
  'ٱ',
  'وال',
  'É',
  'ß',
  '𐌰',
  '"',
  '؟',
  '\u00A0',
  'Ⅻ',
];
const pieceText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

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

describe('tokenize and searchTerms against their plain definitions', () => {
  it('tokenize gives what the plain definition gives', () => {
    fc.assert(
      fc.property(fc.oneof(pieceText, arabicish, fc.string({ unit: 'binary' })), (text) => {
        expect(tokenize(text)).toEqual(plainTokenize(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('matchStems gives the bounds of every token and the tokens whose stem is wanted', () => {
    const texts = fc.oneof(pieceText, arabicish, fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(texts, texts, fc.nat(6), (text, other, pick) => {
        const tokens = tokenize(text);
        // Stems of the text itself, and of another text, so that some are found and some are not.
        const pool = [...tokens, ...tokenize(other)].map((token) => token.stem);
        const stems = new Set(pool.filter((_, index) => index % (pick + 1) === 0));
        const found = matchStems(text, stems);
        expect(found.starts).toEqual(tokens.map((token) => token.start));
        expect(found.ends).toEqual(tokens.map((token) => token.end));
        expect(found.matched).toEqual(
          tokens.flatMap((token, index) => (stems.has(token.stem) ? [{ index, token }] : [])),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('matchStems stops after the token for which `enough` says so, and reads on otherwise', () => {
    const texts = fc.oneof(pieceText, arabicish, fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(texts, fc.nat(40), (text, stopAt) => {
        const tokens = tokenize(text);
        const stems = new Set(tokens.filter((_, index) => index % 3 === 0).map((token) => token.stem));
        const whole = matchStems(text, stems);
        const asked: number[] = [];
        const found = matchStems(text, stems, (sofar) => {
          asked.push(sofar.starts.length);
          return sofar.starts.length > stopAt;
        });
        // Asked once after each token, until it says enough.
        const read = Math.min(tokens.length, stopAt + 1);
        expect(asked).toEqual(Array.from({ length: read }, (_, index) => index + 1));
        expect(found.starts).toEqual(whole.starts.slice(0, read));
        expect(found.ends).toEqual(whole.ends.slice(0, read));
        expect(found.matched).toEqual(whole.matched.filter((match) => match.index < read));
      }),
      { numRuns: 2000 },
    );
  });

  it('searchTerms gives what the plain definition gives', () => {
    fc.assert(
      fc.property(fc.oneof(pieceText, arabicish, fc.string({ unit: 'binary' })), (text) => {
        expect(searchTerms(text)).toEqual(plainSearchTerms(text));
      }),
      { numRuns: 3000 },
    );
  });
});
