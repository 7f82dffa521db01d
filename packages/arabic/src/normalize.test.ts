import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arabicish } from '../test/arbitraries.ts';
import { lowerCase } from './lower-case.ts';
import { INVISIBLE_CHARACTERS, normalize, normalizeLowerCase, toLatinDigits } from './normalize.ts';
import { normalizeWithOffsets } from './normalize-offsets.ts';

// The rules in order, as arabic.md §1 states them, for the characters the tests below use.
function byRules(text: string): string {
  let result = text;
  do {
    result = result
      .normalize('NFKC')
      .replace(/[\u0640\u064B-\u0652\u0670]/g, '')
      .replace(/[آأإٱ]/g, 'ا')
      .replace(/ى/g, 'ي')
      .replace(/ة/g, 'ه')
      .replace(/[٠-٩]/g, (digit) => String(digit.charCodeAt(0) - 0x660));
  } while (result.normalize('NFKC') !== result);
  return result;
}

describe('normalize, rule by rule (arabic.md §1)', () => {
  it('N1: NFKC turns presentation forms into letters', () => {
    expect(normalize('\uFEFB')).toBe('لا');
    expect(normalize('\uFDF2')).toBe('الله');
  });

  it('N1 runs first: a presentation form carrying hamza or harakat is then cleaned by N3 and N4', () => {
    expect(normalize('\uFEF7')).toBe('لا');
    expect(normalize('\uFB8E')).toBe('ك');
    expect(normalize('\uFC60')).toBe(' ');
  });

  it('N2: deletes tatweel', () => {
    expect(normalize('الاقتصـــاد')).toBe('الاقتصاد');
  });

  it('N3: deletes tanween, fatha, damma, kasra, shadda, sukun and the superscript alef', () => {
    expect(normalize('مُحَمَّدٌ')).toBe('محمد');
    expect(normalize('كِتَابًا مِنْ')).toBe('كتابا من');
    expect(normalize('\u0647\u0670\u0630\u0627')).toBe('هذا');
    for (let code = 0x064b; code <= 0x0652; code++)
      expect(normalize(`ب${String.fromCharCode(code)}`)).toBe('ب');
  });

  it('N4: آ أ إ ٱ become ا', () => {
    expect(['آمن', 'أمن', 'إمن', 'ٱمن'].map(normalize)).toEqual(['امن', 'امن', 'امن', 'امن']);
  });

  it('N5: ى becomes ي', () => {
    expect(normalize('مستشفى')).toBe('مستشفي');
  });

  it('N6: ة becomes ه', () => {
    expect(normalize('مدرسة')).toBe('مدرسه');
  });

  it('N7: Persian ی and ک become ي and ك', () => {
    expect(normalize('\u06A9\u062A\u0627\u0628 \u0639\u0644\u06CC')).toBe('كتاب علي');
  });

  it('N8: Arabic-Indic and Persian digits become 0–9', () => {
    expect(normalize('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
  });

  it('N9: deletes every bidi and zero-width control', () => {
    const controls =
      '\u200B\u200C\u200D\u200E\u200F\u061C\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFEFF';
    for (const control of controls) expect(normalize(`مر${control}حبا`)).toBe('مرحبا');
  });

  it('leaves ؤ and ئ alone', () => {
    expect(normalize('مؤتمر رئيس')).toBe('مؤتمر رئيس');
  });

  it('composes a letter and a combining hamza that only meet once a rule has run', () => {
    expect(normalize('\u0649\u0654')).toBe('ئ');
    expect(normalize('\u0627\u200F\u0654')).toBe('ا');
    expect(normalize('\u064A\u0640\u0654')).toBe('ئ');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(arabicish, (text) => normalize(normalize(text)) === normalize(text)));
  });

  // Most text takes a path without NFKC: it must give what the rules in order give.
  it('gives the rules-in-order result on text of letters, digits and harakat in any order', () => {
    const unit = fc.constantFrom(
      ...'اأإآٱبتةىيؤئء سشلا٠١٩09 -–،.abZ«»“”‘’•…',
      ...'\u064B\u064E\u0650\u0651\u0652\u0670\u0640',
    );
    const letters = fc.string({ unit, maxLength: 30 });
    fc.assert(fc.property(letters, (text) => normalize(text) === byRules(text)));
    // Longer texts are rewritten in a scratch buffer rather than built piece by piece.
    const longer = fc.string({ unit, minLength: 20, maxLength: 300 });
    fc.assert(fc.property(longer, (text) => normalize(text) === byRules(text)));
    expect(normalize('\u0634\u0651\u064E')).toBe('ش');
  });

  it('gives the same result at every length, the scratch buffer grown past any earlier size included', () => {
    const unit = 'أمـنٌ ة٣ aZ ى';
    for (const length of [1, 23, 24, 25, 4095, 4097, 70_000, (1 << 20) + 3, 9000, 30]) {
      const text = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
      expect(normalize(text), `length ${length}`).toBe(byRules(text));
      expect(normalizeLowerCase(text), `length ${length}`).toBe(lowerCase(byRules(text)));
    }
    // A text the fast path gives up on halfway leaves nothing behind for the next one.
    const stable = 'بيت '.repeat(50);
    expect(normalize(`${stable}\uFEFB${stable}`)).toBe(`${stable}لا${stable}`);
    expect(normalize(stable)).toBe(stable);
  });
});

describe('normalizeLowerCase', () => {
  it('gives lowerCase(normalize(text)), on the fast path and off it', () => {
    // Capitals of Latin and other scripts, Arabic with its marks, and characters NFKC changes (ﻻ, ①).
    const mixed = fc.string({
      unit: fc.constantFrom(...'اأةىبZAaz ÉéΣσЖж٣ﻻ①İ\u0651\u0654\u200F«»', ...'Ⅻ'),
      maxLength: 20,
    });
    fc.assert(
      fc.property(
        fc.oneof(mixed, arabicish, fc.string({ unit: mixed, minLength: 2, maxLength: 12 })),
        (text) => normalizeLowerCase(text) === lowerCase(normalize(text)),
      ),
    );
    expect(normalizeLowerCase('Saudi أرامكو ARAMCO')).toBe('saudi ارامكو aramco');
    expect(normalizeLowerCase('ÉCOLE')).toBe('école');
  });
});

describe('toLatinDigits', () => {
  it('replaces only digits (N8 alone)', () => {
    expect(toLatinDigits('أُنشئ ١٤٤٥هـ / ۲۰۲۳م')).toBe('أُنشئ 1445هـ / 2023م');
  });
});

describe('INVISIBLE_CHARACTERS', () => {
  it('matches the N9 controls and nothing visible', () => {
    expect('a\u200Fb\u2067c\uFEFFد\u061Cـ'.replace(INVISIBLE_CHARACTERS, '')).toBe('abcدـ');
  });
});

describe('normalizeWithOffsets', () => {
  it('gives the same text as normalize', () => {
    fc.assert(fc.property(arabicish, (text) => normalizeWithOffsets(text).text === normalize(text)));
  });

  it('maps each output character to the input it came from, harakat and tatweel included', () => {
    const input = 'قالَ الاقتصـــادُ ﻻ';
    const { text, starts, ends } = normalizeWithOffsets(input);
    expect(text).toBe('قال الاقتصاد لا');
    const word = text.indexOf('الاقتصاد');
    const last = word + 'الاقتصاد'.length - 1;
    expect(input.slice(starts[word], ends[last])).toBe('الاقتصـــادُ');
    expect(input.slice(starts[text.length - 2], ends[text.length - 1])).toBe('ﻻ');
  });

  it('keeps offsets ordered and inside the input', () => {
    fc.assert(
      fc.property(arabicish, (input) => {
        const { text, starts, ends } = normalizeWithOffsets(input);
        return Array.from({ length: text.length }).every((_, index) => {
          const start = starts[index] ?? -1;
          const end = ends[index] ?? -1;
          const previous = index === 0 ? 0 : (starts[index - 1] ?? 0);
          return start >= previous && start < end && end <= input.length;
        });
      }),
    );
  });
});
