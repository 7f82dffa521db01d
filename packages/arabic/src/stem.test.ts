import { describe, expect, it } from 'vitest';
import { normalize } from './normalize.ts';
import { lightStem, stemCandidates } from './stem.ts';

const stem = (word: string) => lightStem(normalize(word));

describe('lightStem (arabic.md §2, light10)', () => {
  it.each([
    ['والمعلمون', 'معلم'],
    ['بالمدرسة', 'مدرس'],
    ['للدراسات', 'دراس'],
    ['فلسطينيين', 'فلسطين'],
    ['وزير', 'زير'],
  ])('checked example %s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });

  describe('definite prefixes ال وال بال كال فال لل: first match only, at least 2 characters left', () => {
    it.each([
      ['الكتاب', 'كتاب'],
      ['والكتاب', 'كتاب'],
      ['بالقلم', 'قلم'],
      ['كالبحر', 'بحر'],
      ['فالعمل', 'عمل'],
      ['للطالب', 'طالب'],
    ])('%s → %s', (word, expected) => {
      expect(stem(word)).toBe(expected);
    });

    it('removes a prefix that leaves exactly 2 characters', () => {
      expect(stem('الاب')).toBe('اب');
      expect(stem('بالغد')).toBe('غد');
      expect(stem('للحق')).toBe('حق');
    });

    it('keeps a prefix that would leave 1 character', () => {
      expect(stem('الب')).toBe('الب');
      expect(stem('للم')).toBe('للم');
      expect(stem('كالب')).toBe('كالب');
    });

    it('removes only the first prefix found (البالون keeps بال once ال is gone)', () => {
      expect(stem('البالون')).toBe('بال');
    });
  });

  describe('prefix و: only in a word of at least 4 characters', () => {
    it('removes it from a 4-character word', () => {
      expect(stem('وكتب')).toBe('كتب');
    });

    it('keeps it in a 3-character word', () => {
      expect(stem('ولد')).toBe('ولد');
    });
  });

  describe('suffixes ها ان ات ون ين يه ية ه ة ي: in that order, each once, at least 2 characters left', () => {
    it.each([
      ['ها', 'كتابها', 'كتاب', 'منها', 'من', 'بها'],
      ['ان', 'معلمان', 'معلم', 'جبان', 'جب', 'بان'],
      ['ات', 'معلمات', 'معلم', 'قنات', 'قن', 'بات'],
      ['ون', 'معلمون', 'معلم', 'لمون', 'لم', 'كون'],
      ['ين', 'معلمين', 'معلم', 'طحين', 'طح', 'دين'],
      ['ه', 'كتابه', 'كتاب', 'عمه', 'عم', 'له'],
      ['ي', 'كتابي', 'كتاب', 'بني', 'بن', 'في'],
    ])('%s: %s → %s, %s → %s, %s kept', (_suffix, long, longStem, edge, edgeStem, short) => {
      expect(stem(long)).toBe(longStem);
      expect(stem(edge)).toBe(edgeStem);
      expect(stem(short)).toBe(short);
    });

    it('يه: removed from normalized text, where ية has become يه', () => {
      expect(stem('علمية')).toBe('علم');
      expect(lightStem('كليه')).toBe('كل');
    });

    it('ية and ة apply to text that was not normalized (لية: ية would leave 1 character, ة leaves 2)', () => {
      expect(lightStem('علمية')).toBe('علم');
      expect(lightStem('مدرسة')).toBe('مدرس');
      expect(lightStem('لية')).toBe('لي');
    });

    it('applies each suffix once, in order: a later one does not bring back an earlier one', () => {
      expect(stem('بناتي')).toBe('بنات');
      expect(stem('معلماتها')).toBe('معلم');
    });
  });

  it('runs the steps in order: prefix, then و, then suffixes', () => {
    expect(stem('والدراسات')).toBe('دراس');
    expect(stem('وكتابها')).toBe('كتاب');
  });
});

describe('stemCandidates: ال as the article or as the first letters of the word', () => {
  const candidates = (word: string) => stemCandidates(normalize(word));

  it('gives a bare word starting with ال the stem its forms with the article have', () => {
    expect(candidates('التحاق')).toEqual(['تحاق', 'التحاق']);
    expect(candidates('إلكترونية')).toEqual(['كترون', 'الكترون']);
    expect(candidates('بالتحاق')).toEqual(['تحاق', 'التحاق']);
  });

  it('gives a word with the article before such a word the stem of the bare word', () => {
    expect(candidates('الالتحاق')).toEqual(['التحاق', 'تحاق']);
    expect(candidates('الالكترونيه')).toEqual(['الكترون', 'كترون']);
    expect(candidates('والالتحاق')).toEqual(['التحاق', 'تحاق']);
  });

  it('puts the light stem first and never repeats a stem', () => {
    for (const word of ['الكتاب', 'التحاق', 'الالتحاق', 'للطالب', 'كتاب', 'الب', 'والله']) {
      const found = candidates(word);
      expect(found[0]).toBe(stem(word));
      expect(new Set(found).size).toBe(found.length);
    }
  });

  it('adds nothing when no prefix ending in ال was removed', () => {
    expect(candidates('كتاب')).toEqual(['كتاب']);
    expect(candidates('للطالب')).toEqual(['طالب']);
    expect(candidates('الب')).toEqual(['الب']);
  });
});
