import { describe, expect, it } from 'vitest';
import { lexiconKeys, segmentTags } from './tags.ts';

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

  it('gives where each tag sits in the value', () => {
    const value = 'الصين  كوريا الشمالية';
    const tags = segmentTags(value, 'كوريا الشمالية', [], none);
    expect(tags.map((tag) => value.slice(tag.start, tag.end))).toEqual(['الصين', 'كوريا الشمالية']);
  });
});
