import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StoredArticle, Story, StoryRef, StorySummary } from './story.ts';

const member = (id: string, publishedAt: string | null, publisher: string) => ({
  id,
  slug: `slug-${id.slice(0, 4)}`,
  title: 'مباحثات في الرياض',
  publishedAt,
  source: { agency: 'واس', publisher },
});

const earliest = member('0123456789abcdef', '2023-09-18T08:00:00Z', 'عكاظ');
const later = member('fedcba9876543210', '2023-09-19T10:00:00Z', 'الرياض');

const summary = {
  id: earliest.id,
  size: 2,
  firstPublishedAt: earliest.publishedAt,
  lastPublishedAt: later.publishedAt,
  earliest,
  outlets: [earliest.source, later.source],
};

describe('StoryRef', () => {
  it('accepts a story of one, undated', () => {
    expect(StoryRef.safeParse({ id: earliest.id, size: 1, firstPublishedAt: null }).success).toBe(true);
  });

  it('rejects an empty story and an id that is not an article id', () => {
    expect(StoryRef.safeParse({ id: earliest.id, size: 0, firstPublishedAt: null }).success).toBe(false);
    expect(StoryRef.safeParse({ id: 'not an id', size: 2, firstPublishedAt: null }).success).toBe(false);
  });
});

describe('StorySummary and Story', () => {
  it('accepts a story with its outlets and its articles', () => {
    expect(StorySummary.safeParse(summary).success).toBe(true);
    expect(Story.safeParse({ ...summary, articles: [earliest, later] }).success).toBe(true);
  });

  it('requires the earliest article and every article of a story', () => {
    const { earliest: _, ...headless } = summary;
    expect(StorySummary.safeParse(headless).success).toBe(false);
    expect(Story.safeParse(summary).success).toBe(false);
  });
});

describe('StoredArticle', () => {
  const article = JSON.parse(
    readFileSync(new URL('../test/fixtures/seed.article.json', import.meta.url), 'utf8'),
  ) as { id: string };
  it('is an article with its story, and an article without one is not', () => {
    const story = { id: article.id, size: 3, firstPublishedAt: '2023-09-18T00:00:00Z' };
    expect(StoredArticle.safeParse({ ...article, story }).success).toBe(true);
    expect(StoredArticle.safeParse(article).success).toBe(false);
  });
});
