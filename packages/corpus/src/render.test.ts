import { describe, expect, it } from 'vitest';
import type { CorpusArticle } from './load.ts';
import { renderCorpus, renderCorpusDumps, renderSeedLayout, summarizeRendering } from './render.ts';

const SUBJECTS = ['وزارة الصحة', 'أمانة منطقة الرياض', 'هيئة السياحة', 'جامعة الملك سعود', 'الهلال الأحمر'];
const VERBS = ['أعلنت', 'أطلقت', 'دشنت', 'بحثت', 'اعتمدت'];
const OBJECTS = ['حملة التطعيم الموسمية', 'مشروع النقل العام', 'برنامج التدريب الصيفي', 'خطة الطوارئ'];
const PLACES = ['في مدينة جدة', 'في محافظة الطائف', 'في المنطقة الشرقية', 'في منطقة عسير'];

// Articles of our own making, in the corpus's shape: titles without a final stop, paragraphs of full sentences.
function articles(count: number): CorpusArticle[] {
  return Array.from({ length: count }, (_, index) => {
    const pick = <T>(list: readonly T[], salt: number) => list[(index * 7 + salt) % list.length] as T;
    const subject = pick(SUBJECTS, 0);
    const paragraphs = Array.from({ length: 1 + (index % 6) }, (_, at) => {
      const sentence = `${pick(VERBS, at)} ${subject} ${pick(OBJECTS, at + 1)} ${pick(PLACES, at + 2)}`;
      return `${sentence} خلال العام الجاري بمشاركة ${index + at} جهة، وذلك ضمن الخطة رقم ${index}.`;
    });
    return {
      source: ['sabq', 'okaz', 'alriyadh', 'aawsat'][index % 4] as string,
      url: `https://example.com/${index}`,
      dateExtracted: `2015-0${1 + (index % 9)}-1${index % 10} 1${index % 10}:3${index % 10}:00`,
      title: `${subject} ${pick(VERBS, 3)} ${pick(OBJECTS, 2)} رقم ${index}`,
      author: index % 3 === 0 ? 'سبق- الرياض:' : index % 3 === 1 ? '' : 'كتب المحرر في الصفحة الأولى',
      paragraphs,
    };
  });
}

const KEYWORDS_LINE = /^(?:كلمات دلالية|الكلمات الدلالية|وسوم): (.+)$/;
const list = articles(2000);
const dumps = renderCorpusDumps(list);

describe('renderCorpusDumps', () => {
  it('renders the same texts for the same seed, and others for another seed', () => {
    expect(renderCorpus(list.slice(0, 300))).toEqual(renderCorpus(list.slice(0, 300)));
    const other = renderCorpus(list.slice(0, 300), { seed: 2 });
    const same = other.filter((text, index) => text === dumps[index]?.text).length;
    expect(same).toBeLessThan(30);
  });

  it('keeps the title first and every paragraph of the article, in order', () => {
    for (const [index, dump] of dumps.entries()) {
      const article = list[index] as CorpusArticle;
      const lines = dump.text.replace(/^\uFEFF/, '').split(/\r?\n/);
      expect(lines[0]).toBe(article.title);
      let at = 0;
      for (const [number, paragraph] of article.paragraphs.entries()) {
        const found = lines.findIndex((line, lineIndex) => lineIndex > at && line.endsWith(paragraph));
        expect(found, `article ${index}, paragraph ${number}`).toBeGreaterThan(at);
        at = found;
      }
    }
  });

  it('gives each part at the rates it states, and says truly what each dump holds', () => {
    const { shares, keywordWords } = summarizeRendering(dumps.map((dump) => dump.features));
    expect(shares.keywords).toBeGreaterThan(0.4);
    expect(shares.keywords).toBeLessThan(0.56);
    expect(shares.appended).toBeGreaterThan(0.4);
    expect(shares.appended).toBeLessThan(0.6);
    expect(shares.gluedCredits).toBeGreaterThan(0.1);
    expect(shares.readAlso).toBeGreaterThan(0.7);
    expect(shares.byline + shares.dateline).toBeGreaterThan(0.3);
    expect(keywordWords.max).toBeGreaterThan(12);
    for (const dump of dumps) {
      const lines = dump.text.split(/\r?\n/);
      const keywords = lines
        .map((line) => KEYWORDS_LINE.exec(line)?.[1])
        .find((value) => value !== undefined);
      expect(keywords?.split(' ').length ?? 0).toBe(dump.features.keywordWords);
      expect(lines.some((line) => /^المصدر ?\|.*المصدر ?:/.test(line))).toBe(dump.features.gluedCredits);
      expect(dump.text.startsWith('\uFEFF')).toBe(dump.features.bom);
      expect(dump.text.includes('\r\n')).toBe(dump.features.crlf);
    }
  });

  it('makes keywords of words of the article or of another article, some with the article ال added or dropped', () => {
    const vocabulary = new Set(
      list.flatMap((article) => [article.title, ...article.paragraphs].join(' ').split(/[\s،.]+/)),
    );
    const known = (word: string) =>
      vocabulary.has(word) || vocabulary.has(`ال${word}`) || vocabulary.has(word.replace(/^ال/, ''));
    let tags = 0;
    for (const dump of dumps) {
      const value = dump.text
        .split(/\r?\n/)
        .map((line) => KEYWORDS_LINE.exec(line)?.[1])
        .find((found) => found !== undefined);
      for (const word of value?.split(' ') ?? []) {
        expect(known(word), word).toBe(true);
        tags++;
      }
    }
    expect(tags).toBeGreaterThan(1000);
  });

  it('appends other articles after the footer, each its title and its first sentences', () => {
    const titles = new Map(list.map((article) => [article.title, article]));
    let appended = 0;
    for (const dump of dumps.filter((item) => item.features.appended > 0)) {
      const lines = dump.text.split(/\r?\n/).filter((line) => line.length > 0);
      // The block opens with a marker and a colon with nothing after it; inline items have a headline.
      const marker = /^[إا]قرأ أيض[^:]*:$/;
      const after = lines
        .slice(lines.findIndex((line) => marker.test(line)))
        .filter((line) => !marker.test(line));
      const heads = after.filter((line) => titles.has(line));
      expect(heads.length).toBe(dump.features.appended);
      const first = titles.get(heads[0] as string) as CorpusArticle;
      expect(after[0]).toBe(first.title);
      expect(after[1]).toBe(first.paragraphs[0]);
      appended += heads.length;
    }
    expect(appended).toBeGreaterThan(500);
  });
});

describe('renderSeedLayout', () => {
  it('renders the plainest dump: title, date, writer, paragraphs with one read-also, publisher', () => {
    const [article, next] = list as [CorpusArticle, CorpusArticle];
    const lines = renderSeedLayout(article, next).trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([article.title, 'نشر في: 2015-01-10 10:30', 'سبق- الرياض:']);
    expect(lines.at(-1)).toBe('المصدر: سبق');
  });
});
