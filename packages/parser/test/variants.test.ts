import { Article } from '@khabar/schema';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../src/index.ts';
import {
  fixturesDir,
  readJson,
  readText,
  unaccountedLines,
  variantNames,
  visibleFields,
  warningLines,
} from './helpers.ts';

interface Expected {
  warnings: { code: string; line: number | null }[];
}

describe.each(variantNames())('variant %s', (name) => {
  const input = readText(new URL(`variants/${name}.txt`, fixturesDir));
  const { warnings, ...fields } = readJson<Expected>(new URL(`variants/${name}.expected.json`, fixturesDir));
  const result = parseArticle(input);
  if (!result.ok) throw new Error(`${name} does not parse: ${result.error.code}`);

  it('parses to its expected fields and warnings', () => {
    expect(visibleFields(result.article)).toEqual(fields);
    expect(warningLines(result.article)).toEqual(warnings);
  });

  it('is a valid article that accounts for every line', () => {
    expect(Article.safeParse(result.article).error).toBeUndefined();
    expect(unaccountedLines(input, result.article)).toEqual([]);
  });
});

describe('a relative date', () => {
  const input = readText(new URL('variants/relative-date.txt', fixturesDir));

  it('resolves against the reference time when one is given', () => {
    const result = parseArticle(input, { referenceTime: new Date('2023-09-18T12:00:00Z') });
    expect(result.ok && result.article.publishedAt).toBe('2023-09-18T10:00:00Z');
    expect(result.ok && result.article.warnings).toEqual([]);
  });
});
