import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lexiconKeys, MAX_SEGMENTED_TOKENS, segmentTags, stemWords } from './tags.ts';

const none = new Set<string>();
const texts = (value: string, title: string, body: string[], lexicon = none) =>
  segmentTags(value, title, body, lexicon).map((tag) => tag.text);

describe('segmentTags', () => {
  it('keeps phrases of the article whole and other words apart, with the fewest tags', () => {
    const body = ['أعلنت وزارة الصحة السعودية عن حملة جديدة في مدينة جدة.'];
    expect(texts('وزارة الصحة جدة التطعيم', 'حملة تطعيم', body)).toEqual(['وزارة الصحة', 'جدة', 'التطعيم']);
  });

  it('compares words after normalization and light stemming', () => {
    const body = ['قال وزير الخارجية الصيني إن الزيارة مهمة.'];
    expect(texts('وزير خارجية الصين', 'زيارة', body)).toEqual(['وزير خارجية الصين']);
  });

  it('ignores punctuation between the words of a phrase but never joins two paragraphs', () => {
    expect(texts('الأمن الغذائي', 'عنوان', ['تحدث عن الأمن، الغذائي في البلاد.'])).toEqual(['الأمن الغذائي']);
    expect(texts('الأمن الغذائي', 'عنوان', ['تحدث عن الأمن', 'الغذائي في البلاد.'])).toEqual([
      'الأمن',
      'الغذائي',
    ]);
  });

  it('breaks a tie in favour of the tags that occur in the title', () => {
    const body = ['التقى زعيم كوريا الشمالية كيم جونغ أون بالرئيس.', 'وصلت كوريا الشمالية كيم إلى هناك.'];
    expect(texts('كوريا الشمالية كيم أون', 'بعد مغادرة كيم أون', body)).toEqual([
      'كوريا الشمالية',
      'كيم أون',
    ]);
    expect(texts('كوريا الشمالية كيم أون', 'عنوان آخر', body)).toEqual(['كوريا الشمالية كيم', 'أون']);
  });

  it('segments the seed keywords as the spec requires', () => {
    const title = 'بعد مغادرة كيم أون.. وزير الخارجية الصيني يزور روسيا';
    const body = [
      'يعتزم وزير الخارجية الصيني زيارة روسيا.',
      'أنهى زعيم كوريا الشمالية كيم جونغ أون زيارة إلى روسيا.',
      'وتجمع الصين وروسيا رغبة مشتركة.',
    ];
    expect(texts('الصين وزير خارجية الصين روسيا كوريا الشمالية كيم أون', title, body)).toEqual([
      'الصين',
      'وزير خارجية الصين',
      'روسيا',
      'كوريا الشمالية',
      'كيم أون',
    ]);
  });

  it('keeps a lexicon tag whole even when the article does not hold it', () => {
    const lexicon = lexiconKeys(['رؤية المملكة 2030']);
    expect(texts('رؤية المملكة 2030 الاقتصاد', 'عنوان', ['نص.'], lexicon)).toEqual([
      'رؤية المملكة 2030',
      'الاقتصاد',
    ]);
    expect(texts('رؤية المملكة 2030 الاقتصاد', 'عنوان', ['نص.'])).toHaveLength(4);
  });

  it('splits on explicit separators when the line has them', () => {
    expect(texts('السعودية، التعليم العالي، لندن', 'عنوان', [])).toEqual([
      'السعودية',
      'التعليم العالي',
      'لندن',
    ]);
    expect(texts('#الرياض #السياحة', 'عنوان', [])).toEqual(['الرياض', 'السياحة']);
  });

  it('segments the first words of a line too long for a keywords line, and takes the rest one by one', () => {
    const body = ['أعلنت وزارة الصحة عن حملة جديدة.'];
    const filler = Array.from({ length: MAX_SEGMENTED_TOKENS - 2 }, (_, index) => `كلمة${index}`);
    const value = ['وزارة', 'الصحة', ...filler, 'وزارة', 'الصحة'].join(' ');
    const tags = texts(value, 'حملة', body);
    expect(tags[0]).toBe('وزارة الصحة');
    expect(tags.slice(-2)).toEqual(['وزارة', 'الصحة']);
    expect(tags).toHaveLength(MAX_SEGMENTED_TOKENS + 1);
  });

  it('gives where each tag sits in the value', () => {
    const value = 'الصين  كوريا الشمالية';
    const tags = segmentTags(value, 'كوريا الشمالية', [], none);
    expect(tags.map((tag) => value.slice(tag.start, tag.end))).toEqual(['الصين', 'كوريا الشمالية']);
  });
});

// The segmentation as the rules state it, with every word of the article stemmed up front: the
// reader's lazy search must give the same tags on any article.
function segmentEagerly(value: string, title: string, body: readonly string[], lexicon: ReadonlySet<string>) {
  const tokens = value.split(' ').filter((token) => stemWords(token).length > 0);
  const texts = [title, ...body].map(stemWords);
  const occurs = (phrase: string[], inTitleOnly: boolean) =>
    (inTitleOnly ? texts.slice(0, 1) : texts).some((stems) =>
      stems.some((_, at) => phrase.every((stem, offset) => stems[at + offset] === stem)),
    );
  type Best = { tags: number; title: number; lexicon: number; length: number };
  const best: Best[] = [];
  best[tokens.length] = { tags: 0, title: 0, lexicon: 0, length: 0 };
  for (let from = tokens.length - 1; from >= 0; from--) {
    let chosen: Best | undefined;
    for (let length = Math.min(8, tokens.length - from); length >= 1; length--) {
      const phrase = tokens.slice(from, from + length).flatMap(stemWords);
      const known = phrase.length > 1 && lexicon.has(phrase.join(' '));
      if (length > 1 && !occurs(phrase, false) && !known) continue;
      const rest = best[from + length] as Best;
      const candidate = {
        tags: rest.tags + 1,
        title: rest.title + (occurs(phrase, true) ? length : 0),
        lexicon: rest.lexicon + (known ? length : 0),
        length,
      };
      const wins =
        chosen === undefined ||
        (candidate.tags !== chosen.tags
          ? candidate.tags < chosen.tags
          : candidate.title !== chosen.title
            ? candidate.title > chosen.title
            : candidate.lexicon > chosen.lexicon);
      if (wins) chosen = candidate;
    }
    best[from] = chosen as Best;
  }
  const tags: string[] = [];
  for (let from = 0; from < tokens.length; from += (best[from] as Best).length) {
    tags.push(tokens.slice(from, from + (best[from] as Best).length).join(' '));
  }
  return tags;
}

describe('segmentTags against the rules', () => {
  // Words that share stems in different spellings (article, conjunction, suffixes, hamza, taa
  // marbuta, harakat, tatweel), Latin words in both cases, digits and a letter outside the BMP.
  const word = fc.constantFrom(
    ...['وزير', 'الوزير', 'وزارة', 'الخارجية', 'خارجيه', 'الخارجيّة', 'الصين', 'صيني', 'الصيني', 'والصين'],
    ...['كوريا', 'الشمالية', 'شمالي', 'أمن', 'الأمن', 'امن', 'الـأمن', 'مدينة', 'مدينه', 'المدن', 'جدة'],
    ...['Riyadh', 'RIYADH', 'riyadh', '2030', '٢٠٣٠', '𝐀𝐁', 'في', 'من', 'على'],
  );
  // A line feed inside a title or paragraph separates words but not phrases.
  const separator = fc.constantFrom(' ', ' ', ' ', '، ', '. ', ' - ', '«', '» ', ' (', ') ', '\n');
  const text = fc.array(fc.tuple(word, separator), { minLength: 0, maxLength: 14 }).map((pairs) =>
    pairs
      .map(([item, gap]) => item + gap)
      .join('')
      .trim(),
  );
  const keywords = fc.array(word, { minLength: 1, maxLength: 10 }).map((words) => words.join(' '));

  it('gives the tags the rules give, on any article and keywords line', () => {
    fc.assert(
      fc.property(keywords, text, fc.array(text, { maxLength: 5 }), (value, title, body) => {
        const lexicon = lexiconKeys(['وزير الخارجية', 'كوريا الشمالية الصين']);
        for (const known of [none, lexicon]) {
          const got = segmentTags(value, title, body, known).map((tag) => tag.text);
          expect(got).toEqual(segmentEagerly(value, title, body, known));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
