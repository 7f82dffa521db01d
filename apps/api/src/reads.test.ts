import { Article, ArticleSummary, Page, Problem, SourceCount, TagCount } from '@khabar/schema';
import { expect, it } from 'vitest';
import { describeEachStore, reportCount } from '../test/harness.ts';

const SummaryPage = Page(ArticleSummary);

/** Walks a listing from its first page, returning every page's items in order. */
async function walk(request: (path: string) => Response | Promise<Response>, path: string) {
  const pages: ArticleSummary[][] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const response = await request(cursor === null ? path : `${path}${separator}cursor=${cursor}`);
    expect(response.status).toBe(200);
    const page = SummaryPage.parse(await response.json());
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
}

/** Newest first, undated last: each dated item is no newer than the one before it. */
function expectNewestFirst(items: ArticleSummary[]) {
  const dates = items.map((item) => item.publishedAt);
  const firstUndated = dates.indexOf(null);
  if (firstUndated !== -1) expect(dates.slice(firstUndated).every((date) => date === null)).toBe(true);
  const dated = dates.filter((date): date is string => date !== null);
  expect(dated).toEqual([...dated].sort().reverse());
}

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return Problem.parse(await response.json());
}

describeEachStore('GET /v1/articles', (harness) => {
  const request = (path: string, init?: RequestInit) => harness().app.request(path, init);
  const total = () => Object.keys(harness().fixtures).length + reportCount;

  it('answers the newest 20 summaries with a cursor, an ETag and a cache policy', async () => {
    const response = await request('/v1/articles');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=30');
    const page = SummaryPage.parse(await response.json());
    expect(page.items).toHaveLength(20);
    expect(page.nextCursor).not.toBeNull();
    const { 'football-final': football, 'oil-gold': oil, 'central-bank': bank } = harness().fixtures;
    expect(page.items.slice(0, 3).map((item) => item.id)).toEqual([football?.id, oil?.id, bank?.id]);
    expectNewestFirst(page.items);
  });

  it('walks every page exactly once, newest first, undated last', async () => {
    const pages = await walk(request, '/v1/articles?limit=7');
    const items = pages.flat();
    expect(pages).toHaveLength(Math.ceil(total() / 7));
    expect(pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);
    expect(new Set(items.map((item) => item.id)).size).toBe(items.length);
    const stored = [...Object.values(harness().fixtures), ...harness().reports].map((article) => article.id);
    expect(items.map((item) => item.id).sort()).toEqual(stored.sort());
    expectNewestFirst(items);
    expect(items.at(-1)?.publishedAt).toBeNull();
  });

  it('filters by tag, agency, publisher and date range, paging through the filter', async () => {
    const tagged = (await walk(request, `/v1/articles?limit=10&tag=${encodeURIComponent('تقارير')}`)).flat();
    expect(tagged).toHaveLength(reportCount);
    expect(tagged.every((item) => item.tags.includes('تقارير'))).toBe(true);

    const { 'oil-gold': oil, 'central-bank': bank } = harness().fixtures;
    const byAgency = (await walk(request, `/v1/articles?agency=${encodeURIComponent('رويترز')}`)).flat();
    expect(byAgency.map((item) => item.id)).toEqual([oil?.id]);
    const byPublisher = (
      await walk(request, `/v1/articles?publisher=${encodeURIComponent('صحيفة الأسواق')}`)
    ).flat();
    expect(byPublisher.map((item) => item.id)).toEqual([oil?.id, bank?.id]);
    const inMarch = (await walk(request, '/v1/articles?from=2024-03-01&to=2024-03-31')).flat();
    expect(inMarch.map((item) => item.id)).toEqual([oil?.id, bank?.id]);
  });

  it('answers 304 without a body when If-None-Match holds the current ETag', async () => {
    const first = await request('/v1/articles?limit=5');
    const etag = first.headers.get('etag') ?? '';
    const again = await request('/v1/articles?limit=5', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const otherPage = await request('/v1/articles?limit=6', { headers: { 'If-None-Match': etag } });
    expect(otherPage.status).toBe(200);
  });

  it('rejects a limit over 100, a non-number limit and a bad date with the failing fields', async () => {
    const tooBig = await problem(await request('/v1/articles?limit=101'));
    expect(tooBig).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(tooBig.errors).toEqual([expect.objectContaining({ path: 'query.limit', code: 'too_big' })]);

    const both = await problem(await request('/v1/articles?limit=many&from=yesterday'));
    expect(both.errors?.map((issue) => issue.path).sort()).toEqual(['query.from', 'query.limit']);
  });

  it('maps a cursor the store cannot read to a 400 invalid_cursor problem', async () => {
    const response = await request('/v1/articles?cursor=bm90LWEtY3Vyc29y');
    expect(response.status).toBe(400);
    expect(await problem(response)).toMatchObject({
      code: 'invalid_cursor',
      type: '/problems/invalid_cursor',
    });
  });
});

describeEachStore('GET /v1/articles/{idOrSlug}', (harness) => {
  const request = (path: string, init?: RequestInit) => harness().app.request(path, init);

  it('answers the whole article by id, with its read-also item linked to the stored article', async () => {
    const { 'oil-gold': oil, 'central-bank': bank } = harness().fixtures;
    const response = await request(`/v1/articles/${oil?.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const article = Article.parse(await response.json());
    expect(article).toEqual({
      ...oil,
      readAlso: [{ ...oil?.readAlso[0], link: { id: bank?.id, slug: bank?.slug } }],
    });
  });

  it('finds the same article by its Arabic slug, with the same ETag', async () => {
    const { 'football-final': football } = harness().fixtures;
    const byId = await request(`/v1/articles/${football?.id}`);
    const bySlug = await request(`/v1/articles/${encodeURIComponent(football?.slug ?? '')}`);
    expect(bySlug.status).toBe(200);
    expect(await bySlug.json()).toEqual(await byId.json());
    expect(bySlug.headers.get('etag')).toBe(byId.headers.get('etag'));
  });

  it('answers 304 to the current ETag, also among several and as a weak validator', async () => {
    const { 'football-final': football } = harness().fixtures;
    const etag = (await request(`/v1/articles/${football?.id}`)).headers.get('etag') ?? '';
    for (const header of [etag, `"other", ${etag}`, `W/${etag}`, '*']) {
      const response = await request(`/v1/articles/${football?.id}`, {
        headers: { 'If-None-Match': header },
      });
      expect(response.status).toBe(304);
      expect(response.body).toBeNull();
    }
    const stale = await request(`/v1/articles/${football?.id}`, { headers: { 'If-None-Match': '"stale"' } });
    expect(stale.status).toBe(200);
  });

  it('answers 404 problem+json for an article that is not there', async () => {
    const response = await request('/v1/articles/0000000000000000');
    expect(response.status).toBe(404);
    expect(await problem(response)).toMatchObject({ code: 'not_found', status: 404 });
  });
});

describeEachStore('GET /v1/articles/{id}/related', (harness) => {
  const request = (path: string) => harness().app.request(path);

  it('answers related summaries, never the article itself, at most `limit`', async () => {
    const [report] = harness().reports;
    const response = await request(`/v1/articles/${report?.id}/related?limit=4`);
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"/);
    const { items } = (await response.json()) as { items: unknown[] };
    const related = items.map((item) => ArticleSummary.parse(item));
    expect(related.length).toBeGreaterThan(0);
    expect(related.length).toBeLessThanOrEqual(4);
    expect(related.map((item) => item.id)).not.toContain(report?.id);
  });

  it('answers 404 for an unknown id and 400 naming `path.id` for a malformed one', async () => {
    expect((await request('/v1/articles/0000000000000000/related')).status).toBe(404);
    const malformed = await request('/v1/articles/not-an-id/related');
    expect(malformed.status).toBe(400);
    expect((await problem(malformed)).errors?.[0]?.path).toBe('path.id');
  });
});

describeEachStore('GET /v1/tags and /v1/sources', (harness) => {
  it.each([
    ['/v1/tags', TagCount],
    ['/v1/sources', SourceCount],
  ])('%s answers counts, most used first, and honours limit and If-None-Match', async (path, schema) => {
    const response = await harness().app.request(`${path}?limit=3`);
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: unknown[] };
    const counts = items.map((item) => schema.parse(item));
    expect(counts).toHaveLength(3);
    expect(counts.map((item) => item.count)).toEqual(counts.map((item) => item.count).sort((a, b) => b - a));
    const etag = response.headers.get('etag') ?? '';
    const again = await harness().app.request(`${path}?limit=3`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('counts the tag of every report and the credits of the fixtures', async () => {
    const tags = (await (await harness().app.request('/v1/tags')).json()) as { items: TagCount[] };
    expect(tags.items[0]).toEqual({ tag: 'تقارير', count: reportCount });
    expect(tags.items).toContainEqual({ tag: 'الذهب', count: 1 });
    const sources = (await (await harness().app.request('/v1/sources?limit=1000')).json()) as {
      items: SourceCount[];
    };
    expect(sources.items).toContainEqual({ name: 'رويترز', kind: 'agency', count: 1 });
    expect(sources.items).toContainEqual({ name: 'صحيفة الأسواق', kind: 'publisher', count: 2 });
  });
});
