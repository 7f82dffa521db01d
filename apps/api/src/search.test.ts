import { type Article, Page, Problem, SearchHit } from '@khabar/schema';
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

  it('pages through every hit once with the cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await request(search('التمور', `&limit=10${cursor ? `&cursor=${cursor}` : ''}`));
      expect(response.status).toBe(200);
      const page = HitPage.parse(await response.json());
      seen.push(...page.items.map((hit) => hit.article.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    expect(seen).toHaveLength(reportCount);
    expect(new Set(seen).size).toBe(reportCount);
    expect(pages).toBe(Math.ceil(reportCount / 10));
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
