import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  ArticleSummary,
  Cursor,
  Highlight,
  IngestOutcome,
  Page,
  Problem,
  SearchHit,
  SourceCount,
  StoreStats,
  TagCount,
} from './api.ts';

const summary = {
  id: '0123456789abcdef',
  slug: 'وزير-الخارجية-012345',
  title: 'وزير الخارجية',
  publishedAt: '2023-09-18T00:00:00Z',
  source: { agency: 'فرانس برس', publisher: null },
  tags: ['الصين'],
  excerpt: 'يعتزم وزير الخارجية…',
  wordCount: 120,
};

describe('ArticleSummary', () => {
  it('accepts a summary and rejects one without an id', () => {
    expect(ArticleSummary.safeParse(summary).success).toBe(true);
    const { id: _id, ...withoutId } = summary;
    expect(ArticleSummary.safeParse(withoutId).success).toBe(false);
  });
});

describe('Page', () => {
  const SummaryPage = Page(ArticleSummary);
  it('accepts items with a next cursor, or null on the last page', () => {
    expect(SummaryPage.safeParse({ items: [summary], nextCursor: 'eyJwIjoiMjAyMyJ9' }).success).toBe(true);
    expect(SummaryPage.safeParse({ items: [], nextCursor: null }).success).toBe(true);
  });

  it('validates its items and its cursor', () => {
    expect(SummaryPage.safeParse({ items: [{ id: 1 }], nextCursor: null }).success).toBe(false);
    expect(SummaryPage.safeParse({ items: [], nextCursor: 'has spaces' }).success).toBe(false);
    expect(Cursor.safeParse('').success).toBe(false);
  });

  it('infers the item type', () => {
    expectTypeOf<z.infer<typeof SummaryPage>['items'][number]>().toEqualTypeOf<ArticleSummary>();
  });
});

describe('SearchHit', () => {
  const highlight = {
    field: 'body',
    paragraph: 0,
    start: 0,
    end: 20,
    text: 'يعتزم وزير الخارجية',
    matches: [{ start: 6, end: 10 }],
  };
  const story = { id: summary.id, size: 2, firstPublishedAt: null };
  const other = {
    id: 'b'.repeat(16),
    slug: 'other',
    title: 'عنوان آخر',
    publishedAt: '2023-09-19T08:00:00Z',
    source: { agency: null, publisher: 'عكاظ' },
  };
  it('accepts a hit with highlights, its story and the other outlets', () => {
    expect(
      SearchHit.safeParse({ article: summary, score: 1.5, highlights: [highlight], story, alsoIn: [other] })
        .success,
    ).toBe(true);
  });

  it('requires the story of the hit, and outlets with their credits', () => {
    expect(SearchHit.safeParse({ article: summary, score: 1.5, highlights: [], alsoIn: [] }).success).toBe(
      false,
    );
    const { source: _, ...uncredited } = other;
    expect(
      SearchHit.safeParse({ article: summary, score: 1, highlights: [], story, alsoIn: [uncredited] })
        .success,
    ).toBe(false);
    expect(
      SearchHit.safeParse({
        article: summary,
        score: 1,
        highlights: [],
        story: { ...story, size: 0 },
        alsoIn: [],
      }).success,
    ).toBe(false);
  });

  it('rejects a highlight of an unknown field', () => {
    expect(Highlight.safeParse({ ...highlight, field: 'tags' }).success).toBe(false);
  });
});

describe('Problem', () => {
  it('accepts an RFC 9457 problem with failing fields', () => {
    const problem = {
      type: 'https://khabar.dev/problems/validation_failed',
      title: 'Validation failed',
      status: 400,
      detail: 'limit must be at most 100',
      instance: '/v1/articles',
      code: 'validation_failed',
      errors: [{ path: 'query.limit', message: 'Too big', code: 'too_big' }],
    };
    expect(Problem.safeParse(problem).success).toBe(true);
  });

  it.each([200, 399, 600])('rejects status %i', (status) => {
    expect(Problem.safeParse({ type: 'about:blank', title: 't', status, code: 'x' }).success).toBe(false);
  });

  it('needs a snake_case code', () => {
    expect(
      Problem.safeParse({ type: 'about:blank', title: 't', status: 404, code: 'Not Found' }).success,
    ).toBe(false);
  });
});

describe('counts and outcomes', () => {
  it('TagCount and SourceCount need positive counts', () => {
    expect(TagCount.safeParse({ tag: 'الصين', count: 3 }).success).toBe(true);
    expect(TagCount.safeParse({ tag: 'الصين', count: 0 }).success).toBe(false);
    expect(SourceCount.safeParse({ name: 'رويترز', kind: 'agency', count: 1 }).success).toBe(true);
    expect(SourceCount.safeParse({ name: 'رويترز', kind: 'newspaper', count: 1 }).success).toBe(false);
  });

  it('StoreStats and IngestOutcome validate their fields', () => {
    const stats = {
      articles: 1,
      tags: 5,
      agencies: 1,
      publishers: 1,
      earliest: null,
      latest: '2023-09-18T00:00:00Z',
    };
    expect(StoreStats.safeParse(stats).success).toBe(true);
    expect(StoreStats.safeParse({ ...stats, articles: -1 }).success).toBe(false);
    expect(IngestOutcome.safeParse({ status: 'added', id: summary.id, slug: summary.slug }).success).toBe(
      true,
    );
    expect(IngestOutcome.safeParse({ status: 'deleted', id: summary.id, slug: summary.slug }).success).toBe(
      false,
    );
  });
});
