import {
  type Article,
  Page,
  Problem,
  SearchHit,
  StoredArticle,
  Story,
  type StoryMember,
  StorySummary,
} from '@khabar/schema';
import { beforeAll, expect, it } from 'vitest';
import { bearer, describeEachStore, type Harness } from '../test/harness.ts';
import { type StoryArticles, solarFourth, storyArticles } from '../test/story-documents.ts';

const StoryPage = Page(StorySummary);
const HitPage = Page(SearchHit);

/** An article as a story lists it. */
function member(article: Article): StoryMember {
  const { id, slug, title, publishedAt, source } = article;
  return { id, slug, title, publishedAt, source };
}

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await response.json());
}

type Requester = { request(path: string, init?: RequestInit): Response | Promise<Response> };

async function storyPage(app: Requester, path: string) {
  const response = await app.request(path);
  expect(response.status, path).toBe(200);
  return StoryPage.parse(await response.json());
}

async function storyOf(app: Requester, id: string) {
  const response = await app.request(`/v1/stories/${id}`);
  expect(response.status, id).toBe(200);
  return Story.parse(await response.json());
}

async function articleOf(app: Requester, id: string) {
  const response = await app.request(`/v1/articles/${id}`);
  expect(response.status, id).toBe(200);
  return StoredArticle.parse(await response.json());
}

/** Walks a story listing from its first page, returning every page's items in order. */
async function walk(app: Requester, path: string) {
  const pages: StorySummary[][] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await storyPage(app, cursor === null ? path : `${path}${separator}cursor=${cursor}`);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
}

const ids = (items: { id: string }[]) => items.map((item) => item.id);
const query = (name: string, value: string) => `${name}=${encodeURIComponent(value)}`;

/** Stores the story articles in the harness's store before the tests of one block, once. */
function withStories(harness: () => Harness): () => StoryArticles {
  let articles: StoryArticles | undefined;
  beforeAll(async () => {
    articles = storyArticles();
    await harness().store.upsertMany([...articles.solar, ...articles.metro]);
  });
  return () => {
    if (!articles) throw new Error('the story articles are not stored yet');
    return articles;
  };
}

describeEachStore('GET /v1/stories', (harness) => {
  const stories = withStories(harness);
  const app = () => harness().app;

  it('lists the story three outlets ran first, with its size, outlets and times, cached like listings', async () => {
    const [first, second, third] = stories().solar;
    const response = await app().request('/v1/stories');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=30');
    const page = StoryPage.parse(await response.json());
    expect(page.items[0]).toEqual({
      id: first.id,
      size: 3,
      firstPublishedAt: first.publishedAt,
      lastPublishedAt: third.publishedAt,
      earliest: member(first),
      outlets: [first.source, second.source, third.source],
    });
    expect(page.items[1]).toMatchObject({ id: stories().metro[0].id, size: 2 });
    expect(page.items.every((story) => story.size >= 2)).toBe(true);
    const last = page.items.map((story) => story.lastPublishedAt ?? '');
    expect(last).toEqual([...last].sort().reverse());

    const again = await app().request('/v1/stories', {
      headers: { 'If-None-Match': response.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('pages through every story exactly once with the cursor, and counts every article at minSize=1', async () => {
    const whole = (await storyPage(app(), '/v1/stories?limit=100')).items;
    expect(whole.length).toBeGreaterThanOrEqual(2);
    const pages = await walk(app(), '/v1/stories?limit=1');
    expect(pages).toHaveLength(whole.length);
    expect(pages.every((page) => page.length === 1)).toBe(true);
    expect(ids(pages.flat())).toEqual(ids(whole));

    const all = (await walk(app(), '/v1/stories?minSize=1&limit=4')).flat();
    expect(new Set(ids(all)).size).toBe(all.length);
    expect(all.length).toBeGreaterThan(whole.length);
    const { articles } = await harness().store.stats();
    expect(all.reduce((sum, story) => sum + story.size, 0)).toBe(articles);
    const oil = harness().fixtures['oil-gold'];
    expect(all).toContainEqual(expect.objectContaining({ id: oil?.id, size: 1 }));
  });

  it('filters by tag, agency and publisher, matching any article of a story', async () => {
    const solar = stories().solar[0].id;
    const metro = stories().metro[0].id;
    const oil = harness().fixtures['oil-gold']?.id;
    const listed = async (filter: string) => ids((await walk(app(), `/v1/stories?${filter}`)).flat());
    // Only the second copy carries this tag, only the third this publisher.
    expect(await listed(query('tag', 'الكهرباء'))).toEqual([solar]);
    expect(await listed(query('publisher', 'صحيفة الخليج'))).toEqual([solar]);
    expect(await listed(query('tag', 'النقل'))).toEqual([metro]);
    // The oil report credits the same agency as the second copy, but no other outlet ran it.
    expect(await listed(query('agency', 'رويترز'))).toEqual([solar]);
    expect(await listed(`${query('agency', 'رويترز')}&minSize=1`)).toEqual([solar, oil]);
    expect(await listed(`${query('publisher', 'صحيفة الخليج')}&minSize=4`)).toEqual([]);
  });

  it('rejects a bad minSize, limit or cursor with a 400 problem', async () => {
    const small = await app().request('/v1/stories?minSize=0');
    expect(small.status).toBe(400);
    expect((await problem(small)).errors?.map((issue) => issue.path)).toEqual(['query.minSize']);
    const both = await problem(await app().request('/v1/stories?limit=101&minSize=two'));
    expect(both.errors?.map((issue) => issue.path).sort()).toEqual(['query.limit', 'query.minSize']);
    const cursor = await app().request('/v1/stories?cursor=bm90LWEtY3Vyc29y');
    expect(cursor.status).toBe(400);
    expect(await problem(cursor)).toMatchObject({ code: 'invalid_cursor' });
  });
});

describeEachStore('GET /v1/stories/{id}', (harness) => {
  const stories = withStories(harness);
  const app = () => harness().app;

  it('answers every outlet’s article of the story, earliest first, with an ETag', async () => {
    const [first, second, third] = stories().solar;
    const response = await app().request(`/v1/stories/${first.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=30');
    expect(Story.parse(await response.json())).toEqual({
      id: first.id,
      size: 3,
      firstPublishedAt: first.publishedAt,
      lastPublishedAt: third.publishedAt,
      earliest: member(first),
      outlets: [first.source, second.source, third.source],
      articles: [member(first), member(second), member(third)],
    });
    const etag = response.headers.get('etag') ?? '';
    const again = await app().request(`/v1/stories/${first.id}`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers a story of one for an article no other outlet ran', async () => {
    const bank = harness().fixtures['central-bank'] as Article;
    const story = await storyOf(app(), bank.id);
    expect(story).toMatchObject({ id: bank.id, size: 1, outlets: [bank.source] });
    expect(story.articles).toEqual([member(bank)]);
  });

  it('answers 404 problem+json for an id no story has, and 400 naming `path.id` for a malformed one', async () => {
    for (const id of ['0000000000000000', stories().solar[1].id]) {
      const response = await app().request(`/v1/stories/${id}`);
      expect(response.status).toBe(404);
      expect(await problem(response)).toMatchObject({ code: 'not_found', status: 404 });
    }
    const malformed = await app().request('/v1/stories/not-a-story');
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).errors?.[0]?.path).toBe('path.id');
  });
});

describeEachStore('stories in articles and search', (harness) => {
  const stories = withStories(harness);
  const app = () => harness().app;

  it('serves each article with its story', async () => {
    const [first, second] = stories().solar;
    expect((await articleOf(app(), second.id)).story).toEqual({
      id: first.id,
      size: 3,
      firstPublishedAt: first.publishedAt,
    });
    const oil = harness().fixtures['oil-gold'] as Article;
    expect((await articleOf(app(), oil.id)).story).toEqual({
      id: oil.id,
      size: 1,
      firstPublishedAt: oil.publishedAt,
    });
  });

  it('collapses a story to one hit naming the other outlets, and lists every copy with collapse=none', async () => {
    const solar = stories().solar;
    const story = { id: solar[0].id, size: 3, firstPublishedAt: solar[0].publishedAt };
    const collapsed = HitPage.parse(await (await app().request('/v1/search?q=ميغاواط')).json());
    expect(collapsed.items).toHaveLength(1);
    const [hit] = collapsed.items;
    expect(hit?.story).toEqual(story);
    const others = solar.filter((article) => article.id !== hit?.article.id);
    expect(hit?.alsoIn).toEqual(others.map(member));

    const every = HitPage.parse(await (await app().request('/v1/search?q=ميغاواط&collapse=none')).json());
    expect(ids(every.items.map((item) => item.article)).sort()).toEqual(ids(solar).sort());
    for (const item of every.items) {
      expect(item.story).toEqual(story);
      expect(ids(item.alsoIn)).toEqual(ids(solar.filter((article) => article.id !== item.article.id)));
    }
    const explicit = HitPage.parse(await (await app().request('/v1/search?q=ميغاواط&collapse=story')).json());
    expect(explicit).toEqual(collapsed);
  });

  it('rejects an unknown collapse with the failing field', async () => {
    const response = await app().request('/v1/search?q=ميغاواط&collapse=bogus');
    expect(response.status).toBe(400);
    expect((await problem(response)).errors?.map((issue) => issue.path)).toEqual(['query.collapse']);
  });
});

describeEachStore('story answers after writes', (harness) => {
  const stories = withStories(harness);
  const app = () => harness().app;

  it('shows a new outlet’s copy in the story right after it is stored, and not after it is deleted', async () => {
    const [first, , third] = stories().solar;
    const fourth = stories().solarFourth;
    // Read everything once, so the caches hold the story of three.
    const before = await app().request(`/v1/stories/${first.id}`);
    expect(Story.parse(await before.json()).size).toBe(3);
    expect((await storyPage(app(), '/v1/stories')).items[0]?.size).toBe(3);
    expect((await articleOf(app(), third.id)).story.size).toBe(3);

    const posted = await app().request('/v1/articles', {
      method: 'POST',
      body: solarFourth,
      headers: { 'Content-Type': 'text/plain', ...bearer() },
    });
    expect(posted.status).toBe(201);
    expect(await posted.json()).toMatchObject({ status: 'added', id: fourth.id });
    const grown = await app().request(`/v1/stories/${first.id}`);
    expect(grown.headers.get('etag')).not.toBe(before.headers.get('etag'));
    const story = Story.parse(await grown.json());
    expect(story).toMatchObject({ size: 4, lastPublishedAt: fourth.publishedAt });
    expect(ids(story.articles)).toEqual([...ids(stories().solar), fourth.id]);
    expect((await storyPage(app(), '/v1/stories')).items[0]).toMatchObject({ id: first.id, size: 4 });
    expect((await articleOf(app(), third.id)).story.size).toBe(4);
    expect((await articleOf(app(), fourth.id)).story.id).toBe(first.id);

    const deleted = await app().request(`/v1/articles/${fourth.id}`, { method: 'DELETE', headers: bearer() });
    expect(deleted.status).toBe(204);
    expect(ids((await storyOf(app(), first.id)).articles)).toEqual(ids(stories().solar));
    expect((await articleOf(app(), third.id)).story.size).toBe(3);
  });

  it('moves the story to its next earliest article while the earliest is deleted', async () => {
    const { store } = harness();
    const [first, second, third] = stories().solar;
    expect((await storyOf(app(), first.id)).size).toBe(3);
    expect(await store.delete(first.id)).toBe(true);
    expect((await app().request(`/v1/stories/${first.id}`)).status).toBe(404);
    const remaining = await storyOf(app(), second.id);
    expect(remaining).toMatchObject({
      size: 2,
      earliest: member(second),
      firstPublishedAt: second.publishedAt,
    });
    expect(ids(remaining.articles)).toEqual([second.id, third.id]);
    expect((await articleOf(app(), third.id)).story).toEqual({
      id: second.id,
      size: 2,
      firstPublishedAt: second.publishedAt,
    });

    await store.upsert(first);
    expect((await app().request(`/v1/stories/${second.id}`)).status).toBe(404);
    expect(ids((await storyOf(app(), first.id)).articles)).toEqual(ids(stories().solar));
  });

  it('follows a write by another process on the same database', async () => {
    const cached = harness().appWith({ KHABAR_API_CACHE_TTL_S: '600' });
    const first = stories().solar[0];
    const fourth = stories().solarFourth;
    expect((await storyOf(cached, first.id)).size).toBe(3);
    const other = await harness().openAnother();
    /** Asks for the story until it has `size` articles, for at most three seconds. */
    const sizeBecomes = async (size: number) => {
      const deadline = Date.now() + 3000;
      let story = await storyOf(cached, first.id);
      while (story.size !== size && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        story = await storyOf(cached, first.id);
      }
      return story;
    };
    await other.upsert(fourth);
    expect(ids((await sizeBecomes(4)).articles)).toContain(fourth.id);
    await other.delete(fourth.id);
    expect(ids((await sizeBecomes(3)).articles)).toEqual(ids(stories().solar));
  });
});
