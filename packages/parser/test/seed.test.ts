import { Article } from '@khabar/schema';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/index.ts';
import { fixturesDir, readJson, readText, seedUrl, unaccountedLines, visibleFields } from './helpers.ts';

const seed = readText(seedUrl);
const expected = readJson<unknown>(new URL('seed.expected.json', fixturesDir));

describe('the seed document', () => {
  const result = parseArticle(seed);
  if (!result.ok) throw new Error(`the seed does not parse: ${result.error.code}`);
  const { article } = result;

  it('parses to exactly its expected article', () => {
    expect(visibleFields(article)).toEqual(expected);
    expect(article.warnings).toEqual([]);
    expect(result.warnings).toBe(article.warnings);
  });

  it('validates against the Article schema', () => {
    expect(Article.safeParse(article).error).toBeUndefined();
  });

  it('has a readable slug ending with its id, and Arabic language and direction', () => {
    expect(article.slug).toBe(`بعد-مغادرة-كيم-أون-وزير-الخارجية-الصيني-يزور-${article.id.slice(0, 6)}`);
    expect(article.lang).toBe('ar');
    expect(article.dir).toBe('rtl');
    // Words are space-separated tokens with a letter or digit: a lone dash is none.
    const tokens = article.body.join(' ').split(' ');
    expect(article.wordCount).toBe(tokens.filter((token) => /[\p{L}\p{N}]/u.test(token)).length);
    expect(article.wordCount).toBe(178);
  });

  it('records where each field came from in the input', () => {
    const { spans } = article.provenance;
    const slice = (span: { start: number; end: number } | undefined) =>
      span && seed.slice(span.start, span.end);
    expect(slice(spans.title?.[0])).toBe(article.title);
    expect(spans.body?.map(slice)).toEqual(article.body);
    expect(spans.tags?.map(slice)).toEqual(article.tags);
    expect(slice(spans.publishedAt?.[0])).toBe('تاريخ النشر: 18th, September 2023 GMT');
    expect(slice(spans.readAlso?.[0])).toBe('اقرأ أيضاً\nقمة العشرين.. توافق صيني روسي على المواجهة');
    expect(slice(spans.related?.[0])?.startsWith('إقرأ أيضاً:\nترامب يزور موسكو')).toBe(true);
    expect(unaccountedLines(seed, article)).toEqual([]);
  });
});
