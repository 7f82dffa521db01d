import { ALSO_IN_LIMIT, type Article, Page, Problem, SearchHit } from '@khabar/schema';
import { expect, it } from 'vitest';
import { describeEachStore, reportCount } from '../test/harness.ts';

const HitPage = Page(SearchHit);

const search = (q: string, extra = '') => `/v1/search?q=${encodeURIComponent(q)}${extra}`;

/** The text a highlight points into: the title, or one body paragraph. */
function fieldText(article: Article, field: 'title' | 'body', paragraph: number | null): string {
  return field === 'title' ? article.title : (article.body[paragraph ?? -1] ?? '');
}

describeEachStore('GET /v1/search', (harness) => {
  const request = (path: string, init?: RequestInit) => harness().app.request(path, init);

  it('ranks the matching article first, with fragments of the original text and the matched words', async () => {
    const response = await request(search('النفط'));
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"/);
    const page = HitPage.parse(await response.json());
    const oil = harness().fixtures['oil-gold'];
    expect(page.items[0]?.article.id).toBe(oil?.id);
    const highlights = page.items[0]?.highlights ?? [];
    expect(highlights.length).toBeGreaterThan(0);
    for (const highlight of highlights) {
      const text = fieldText(oil as Article, highlight.field, highlight.paragraph);
      expect(text.slice(highlight.start, highlight.end)).toBe(highlight.text);
      expect(highlight.matches.length).toBeGreaterThan(0);
      for (const match of highlight.matches) expect(text.slice(match.start, match.end)).toContain('النفط');
    }
  });

  /** Every hit of `q` (with `extra` parameters), page by page through the cursor. */
  async function allHits(q: string, extra: string) {
    const hits: SearchHit[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await request(search(q, `${extra}&limit=10${cursor ? `&cursor=${cursor}` : ''}`));
      expect(response.status).toBe(200);
      const page = HitPage.parse(await response.json());
      hits.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    return { hits, pages };
  }

  it('pages through every matching article once with the cursor when collapse=none', async () => {
    const { hits, pages } = await allHits('التمور', '&collapse=none');
    const seen = hits.map((hit) => hit.article.id);
    expect(seen).toHaveLength(reportCount);
    expect(new Set(seen).size).toBe(reportCount);
    expect(pages).toBe(Math.ceil(reportCount / 10));
  });

  it('gives one hit per story by default, each standing for its whole story', async () => {
    // The generated reports share most of their text, so some of them are one story.
    const { hits } = await allHits('التمور', '');
    const stories = hits.map((hit) => hit.story.id);
    expect(new Set(stories).size).toBe(hits.length);
    expect(hits.length).toBeLessThan(reportCount);
    expect(hits.reduce((sum, hit) => sum + hit.story.size, 0)).toBe(reportCount);
    for (const hit of hits) {
      expect(hit.alsoIn).toHaveLength(Math.min(hit.story.size - 1, ALSO_IN_LIMIT));
      expect(hit.alsoIn.map((other) => other.id)).not.toContain(hit.article.id);
    }
  });

  it.each([
    '"',
    '*',
    'NEAR(',
    'AND',
    "'; DROP TABLE articles; --",
    'النفط" OR "الذهب',
    'الذهب*',
    'NEAR(النفط الذهب)',
    '(((',
    '\\',
    '%_',
  ])('reads the hostile query %j as plain text: 200, a page, the store intact', async (q) => {
    const response = await request(search(q));
    expect(response.status).toBe(200);
    const page = HitPage.parse(await response.json());
    expect(Array.isArray(page.items)).toBe(true);
    const stats = await harness().store.stats();
    expect(stats.articles).toBe(Object.keys(harness().fixtures).length + reportCount);
  });

  it.each(['"الذهب*', '(النفط)', 'الذهب^'])('still finds the word inside %j', async (q) => {
    const page = HitPage.parse(await (await request(search(q))).json());
    expect(page.items.map((hit) => hit.article.id)).toContain(harness().fixtures['oil-gold']?.id);
  });

  it('requires q, and rejects an empty or overlong one with the failing field', async () => {
    for (const path of ['/v1/search', search(''), search('ب'.repeat(501))]) {
      const response = await request(path);
      expect(response.status).toBe(400);
      const problem = Problem.parse(await response.json());
      expect(problem.errors?.map((issue) => issue.path)).toEqual(['query.q']);
    }
  });
});
