import type {
  Article,
  ArticleSummary,
  IngestOutcome,
  Page,
  Problem,
  Story,
  StoryRef,
  StorySummary,
} from '@khabar/schema';
import { beforeAll, expect, expectTypeOf, it } from 'vitest';
import { bearer, describeEachStore } from '../test/harness.ts';
import { storyArticles } from '../test/story-documents.ts';
import { createClient } from './client.ts';

describeEachStore('typed client', (harness) => {
  /** A client whose requests go straight to the app, no socket in between. */
  const client = () => createClient('http://khabar.test', { fetch: harness().app.request });
  const stories = storyArticles();

  beforeAll(async () => {
    await harness().store.upsertMany([...stories.solar, ...stories.metro]);
  });

  it('lists articles with typed query and typed page', async () => {
    const response = await client().v1.articles.$get({ query: { limit: 2, tag: 'تقارير' } });
    expect(response.status).toBe(200);
    if (response.status !== 200) return;
    const page = await response.json();
    expectTypeOf(page).toEqualTypeOf<Page<ArticleSummary>>();
    expect(page.items).toHaveLength(2);
    expect(page.items.every((item) => item.tags.includes('تقارير'))).toBe(true);
  });

  it('reads one article by slug, and a missing one as a typed problem', async () => {
    const oil = harness().fixtures['oil-gold'];
    const found = await client().v1.articles[':idOrSlug'].$get({ param: { idOrSlug: oil?.slug ?? '' } });
    if (found.status !== 200) throw new Error(`expected 200, got ${found.status}`);
    const article = await found.json();
    expectTypeOf(article.title).toEqualTypeOf<Article['title']>();
    expect(article.id).toBe(oil?.id);

    const missing = await client().v1.articles[':idOrSlug'].$get({ param: { idOrSlug: '0000000000000000' } });
    expect(missing.status).toBe(404);
    if (missing.status !== 404) return;
    const problem = await missing.json();
    expectTypeOf(problem.code).toEqualTypeOf<Problem['code']>();
    expect(problem.code).toBe('not_found');
  });

  it('searches and stores through typed routes', async () => {
    const hits = await client().v1.search.$get({ query: { q: 'الذهب' } });
    if (hits.status !== 200) throw new Error(`expected 200, got ${hits.status}`);
    expect((await hits.json()).items[0]?.article.id).toBe(harness().fixtures['oil-gold']?.id);

    // Stored from its text, the article is written again once as JSON (its input hash is now that of
    // the JSON article), then is unchanged.
    const article = harness().fixtures['central-bank'] as Article;
    for (const status of ['updated', 'unchanged'] as const) {
      const stored = await client().v1.articles.$post({ query: {}, json: article }, { headers: bearer() });
      expect(stored.status).toBe(200);
      if (stored.status !== 200) return;
      const outcome = await stored.json();
      expectTypeOf(outcome).toEqualTypeOf<IngestOutcome>();
      expect(outcome).toEqual({ status, id: article.id, slug: article.slug });
    }
  });

  it('lists stories and reads one with its articles through typed routes', async () => {
    const [first, second, third] = stories.solar;
    const listed = await client().v1.stories.$get({ query: { tag: 'الكهرباء', minSize: 2, limit: 5 } });
    if (listed.status !== 200) throw new Error(`expected 200, got ${listed.status}`);
    const page = await listed.json();
    expectTypeOf(page).toEqualTypeOf<Page<StorySummary>>();
    expect(page.items.map((story) => story.id)).toEqual([first.id]);

    const found = await client().v1.stories[':id'].$get({ param: { id: first.id } });
    if (found.status !== 200) throw new Error(`expected 200, got ${found.status}`);
    const story = await found.json();
    expectTypeOf(story).toEqualTypeOf<Story>();
    expect(story.articles.map((article) => article.id)).toEqual([first.id, second.id, third.id]);

    const missing = await client().v1.stories[':id'].$get({ param: { id: '0000000000000000' } });
    expect(missing.status).toBe(404);
    if (missing.status !== 404) return;
    expect((await missing.json()).code).toBe('not_found');
  });

  it('reads the story of an article and searches with or without collapsing stories', async () => {
    const [first, second] = stories.solar;
    const found = await client().v1.articles[':idOrSlug'].$get({ param: { idOrSlug: second.id } });
    if (found.status !== 200) throw new Error(`expected 200, got ${found.status}`);
    const article = await found.json();
    expectTypeOf(article.story).toEqualTypeOf<StoryRef>();
    expect(article.story).toEqual({ id: first.id, size: 3, firstPublishedAt: first.publishedAt });

    const collapsed = await client().v1.search.$get({ query: { q: 'ميغاواط' } });
    const every = await client().v1.search.$get({ query: { q: 'ميغاواط', collapse: 'none' } });
    if (collapsed.status !== 200 || every.status !== 200) throw new Error('expected 200 from search');
    const one = await collapsed.json();
    expectTypeOf(one.items[0]?.story).toEqualTypeOf<StoryRef | undefined>();
    expect(one.items.map((hit) => hit.story.id)).toEqual([first.id]);
    expect(one.items[0]?.alsoIn).toHaveLength(2);
    expect((await every.json()).items).toHaveLength(3);
  });
});
