import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { searchTerms } from '@khabar/arabic';
import type { Article, ArticleSummary, Highlight, SearchHit } from '@khabar/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArticleStore, StoreError } from '../src/index.ts';
import { RANKED_WINDOW } from '../src/ranking.ts';
import { HOSPITAL, HOSPITAL_REWRITE, OTHER_HOSPITAL } from '../src/stories/test-articles.ts';
import { type ArticleDraft, buildArticle } from './build-article.ts';
import { generateArticles } from './generate-articles.ts';
import type { StoreHarness } from './store-harness.ts';

const drafts = JSON.parse(
  readFileSync(new URL('./fixtures/articles.json', import.meta.url), 'utf8'),
) as ArticleDraft[];
const fixtures = drafts.map(buildArticle);
const [flu, oil, football, bookFair, budget, heart, teachers] = fixtures as [
  Article,
  Article,
  Article,
  Article,
  Article,
  Article,
  Article,
];
const childScript = new URL('./ingest-child.ts', import.meta.url).pathname;

const HOSTILE_QUERIES = [
  '"',
  '""',
  "'",
  '*',
  'النفط*',
  'NEAR(',
  'NEAR(النفط الإنتاج, 2)',
  'AND',
  'OR',
  'NOT',
  'النفط AND',
  'OR النفط',
  '-x',
  '-النفط',
  'col:x',
  'search_title:النفط',
  '{search_title}: النفط',
  '^النفط',
  "'; DROP TABLE articles; --",
  "النفط'); DELETE FROM articles; --",
  '\\',
  '\u0000',
  '😀',
  'النفط 😀 "الإنتاج',
  '(((',
  ':',
  '\u200f\u200e\u0640',
  'ـ'.repeat(50),
  'النفط '.repeat(2000),
  'أ'.repeat(10_000),
];

/** Runs the same behaviour tests against a store; `open` gives a fresh, empty one each time. */
export function describeStore(name: string, open: () => Promise<StoreHarness>): void {
  describe(name, () => {
    let harness: StoreHarness;
    let store: ArticleStore;

    beforeEach(async () => {
      harness = await open();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.dispose();
    });

    const storeFixtures = async () => {
      const { outcomes } = await store.upsertMany(fixtures);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(fixtures.map(() => 'added'));
    };

    const walk = async <T>(
      fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
    ): Promise<T[]> => {
      const items: T[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 1000; pages++) {
        const page = await fetch(cursor);
        items.push(...page.items);
        if (page.nextCursor === null) return items;
        cursor = page.nextCursor;
      }
      throw new Error('the cursor never ended');
    };

    describe('upsert', () => {
      it('adds an article once, then reports the same content unchanged', async () => {
        expect(await store.upsert(flu)).toEqual({ status: 'added', id: flu.id, slug: flu.slug });
        expect(await store.upsert(flu)).toEqual({ status: 'unchanged', id: flu.id, slug: flu.slug });
        expect((await store.stats()).articles).toBe(1);
      });

      it('replaces a corrected version (same id, new hash), keeping id and slug', async () => {
        await store.upsert(oil);
        const corrected: Article = {
          ...oil,
          slug: `${oil.slug.split('-')[0]}-${oil.id.slice(0, 6)}`,
          body: ['ارتفعت أسعار الخام بعد اجتماع المنتجين في فيينا.'],
          provenance: { ...oil.provenance, contentHash: 'f'.repeat(64) },
        };
        expect(await store.upsert(corrected)).toEqual({ status: 'updated', id: oil.id, slug: oil.slug });
        const stored = await store.get(oil.id);
        expect(stored?.slug).toBe(oil.slug);
        expect(stored?.body).toEqual(corrected.body);
        expect((await store.search({ q: 'فيينا' })).items.map((hit) => hit.article.id)).toEqual([oil.id]);
        expect((await store.search({ q: 'المخزونات' })).items).toEqual([]);
        expect((await store.stats()).articles).toBe(1);
      });

      it('updates when only the parser version changed', async () => {
        await store.upsert(flu);
        const reparsed = { ...flu, provenance: { ...flu.provenance, parserVersion: '0.2.0' } };
        expect((await store.upsert(reparsed)).status).toBe('updated');
        expect((await store.get(flu.id))?.provenance.parserVersion).toBe('0.2.0');
      });

      it('reports one outcome per input, in order, as if stored one at a time', async () => {
        await store.upsert(flu);
        const changedFlu = { ...flu, provenance: { ...flu.provenance, contentHash: 'a'.repeat(64) } };
        const { outcomes } = await store.upsertMany([oil, flu, oil, changedFlu, football]);
        expect(outcomes.map((outcome) => [outcome.status, outcome.id])).toEqual([
          ['added', oil.id],
          ['unchanged', flu.id],
          ['unchanged', oil.id],
          ['updated', flu.id],
          ['added', football.id],
        ]);
        expect((await store.upsertMany([])).outcomes).toEqual([]);
      });

      it('gives an article whose slug is taken a slug of its own', async () => {
        await store.upsert(flu);
        const other = buildArticle({
          title: 'خبر آخر تماماً',
          publishedAt: '2020-01-01T00:00:00',
          body: ['نص.'],
        });
        const clash = { ...other, slug: flu.slug };
        const outcome = await store.upsert(clash);
        expect(outcome.status).toBe('added');
        expect(outcome.slug).not.toBe(flu.slug);
        expect(outcome.slug.endsWith(other.id)).toBe(true);
        expect(await store.get(outcome.slug)).toMatchObject({ id: other.id, slug: outcome.slug });
        expect((await store.get(flu.slug))?.id).toBe(flu.id);
      });
    });

    describe('get and delete', () => {
      it('finds an article by id and by slug, and null for neither', async () => {
        await storeFixtures();
        const byId = await store.get(flu.id);
        expect(byId).toEqual({
          ...flu,
          readAlso: [],
          related: [],
          story: { id: flu.id, size: 1, firstPublishedAt: flu.publishedAt },
        });
        expect(await store.get(flu.slug)).toEqual(byId);
        expect(await store.get('0000000000000000')).toBeNull();
        expect(await store.get('no-such-slug')).toBeNull();
      });

      it('links read-also headlines to the stored article with the same normalized title', async () => {
        await storeFixtures();
        const article = await store.get(teachers.id);
        expect(article?.readAlso).toEqual([
          { ...teachers.readAlso[0], link: { id: oil.id, slug: oil.slug } },
          { ...teachers.readAlso[1], link: null },
        ]);
      });

      it('stores appended articles with a body as articles of their own, once', async () => {
        await storeFixtures();
        const article = (await store.get(teachers.id)) as Article;
        const [award, fair, empty] = article.related;
        expect(fair?.link).toEqual({ id: bookFair.id, slug: bookFair.slug });
        expect(empty?.link).toBeNull();
        expect(award?.link).not.toBeNull();
        const stored = (await store.get(award?.link?.id as string)) as Article;
        expect(stored).toMatchObject({
          title: award?.title,
          publishedAt: null,
          body: award?.body,
          source: { agency: null, publisher: teachers.source.publisher },
        });
        expect(stored.slug).toBe(award?.link?.slug);
        const count = (await store.stats()).articles;
        expect(count).toBe(fixtures.length + 1);
        const rehosted = buildArticle({ ...(drafts[6] as ArticleDraft), publishedAt: '2023-11-01T00:00:00' });
        await store.upsert(rehosted);
        expect((await store.stats()).articles).toBe(count + 1);
        expect((await store.get(rehosted.id))?.related[0]?.link).toEqual(award?.link);
      });

      it('stores an appended article under the id, slug, word count and hash its host gives it', async () => {
        const host = buildArticle({
          title: 'خبر يحمل خبراً ملحقاً',
          publishedAt: '2024-01-02T00:00:00',
          body: ['نص الخبر.'],
          siteName: 'صحيفة الغد',
        });
        const appended = {
          id: 'abcdef0123456789',
          slug: 'خبر-ملحق-abcdef',
          title: 'خبر ملحق بعنوانه',
          publishedAt: null,
          body: ['فقرته الأولى.', 'فقرته الثانية.'],
          wordCount: 17,
          contentHash: 'c'.repeat(64),
        };
        await store.upsert({ ...host, related: [appended] });
        const stored = (await store.get(appended.id)) as Article;
        expect(stored).toMatchObject({
          id: appended.id,
          slug: appended.slug,
          wordCount: 17,
          url: null,
          siteName: 'صحيفة الغد',
          image: null,
          provenance: { contentHash: appended.contentHash, parserVersion: host.provenance.parserVersion },
        });
        expect((await store.get(host.id))?.related[0]?.link).toEqual({
          id: appended.id,
          slug: appended.slug,
        });
      });

      it('lets a document replace the appended copy of its title', async () => {
        await storeFixtures();
        const appended = (await store.get(teachers.id))?.related[0]?.link;
        const award = buildArticle({
          title: 'جائزة المعلم المتميز تفتح باب الترشح',
          publishedAt: '2023-10-06T10:00:00',
          body: ['أعلنت الوزارة فتح باب الترشح للجائزة.'],
        });
        await store.upsert(award);
        expect(await store.get(appended?.id as string)).toBeNull();
        expect((await store.get(teachers.id))?.related[0]?.link).toEqual({ id: award.id, slug: award.slug });
        expect((await store.stats()).articles).toBe(fixtures.length + 1);
      });

      it('deletes an article and everything that finds it', async () => {
        await storeFixtures();
        expect(await store.delete(oil.id)).toBe(true);
        expect(await store.delete(oil.id)).toBe(false);
        expect(await store.get(oil.id)).toBeNull();
        expect((await store.list({ limit: 100 })).items.map((item) => item.id)).not.toContain(oil.id);
        expect((await store.search({ q: 'برميل' })).items).toEqual([]);
        expect((await store.tags()).map((tag) => tag.tag)).not.toContain('أوبك');
        expect((await store.get(teachers.id))?.readAlso[0]?.link).toBeNull();
      });
    });

    describe('pages with a URL', () => {
      const page = 'https://news.example.com/2023/10/05/oil-prices';
      const oilDraft = drafts[1] as ArticleDraft;
      const oilPage = buildArticle({ ...oilDraft, url: page });
      const image = { url: 'https://cdn.example.com/oil.jpg', caption: 'ناقلة نفط في الخليج' };

      it('keeps the page fields and gives them back', async () => {
        const article = buildArticle({
          ...oilDraft,
          url: page,
          siteName: 'صحيفة الغد',
          description: 'ارتفعت أسعار النفط بعد قرار خفض الإنتاج.',
          image,
        });
        await store.upsert(article);
        expect(await store.get(article.id)).toMatchObject({
          url: page,
          siteName: 'صحيفة الغد',
          description: 'ارتفعت أسعار النفط بعد قرار خفض الإنتاج.',
          image,
        });
      });

      it('makes a later version of a page under another id replace it, keeping its id and slug', async () => {
        await storeFixtures();
        expect(await store.upsert(oilPage)).toEqual({ status: 'updated', id: oil.id, slug: oil.slug });
        // The site moved the story to the next day and rewrote it: another id, the same page.
        const corrected = buildArticle({
          ...oilDraft,
          publishedAt: '2023-10-06T09:00:00+03:00',
          body: ['ارتفعت أسعار الخام بعد اجتماع المنتجين في فيينا.'],
          url: page,
          image,
        });
        expect(corrected.id).not.toBe(oil.id);
        expect(await store.upsert(corrected)).toEqual({ status: 'updated', id: oil.id, slug: oil.slug });
        expect(await store.get(oil.id)).toMatchObject({
          id: oil.id,
          slug: oil.slug,
          publishedAt: corrected.publishedAt,
          body: corrected.body,
          url: page,
          image,
        });
        expect(await store.get(corrected.id)).toBeNull();
        expect(await store.get(corrected.slug)).toBeNull();
        expect((await store.stats()).articles).toBe(fixtures.length + 1);
        const listed = (await store.list({ limit: 100 })).items.map((item) => item.id);
        expect(listed.filter((id) => id === oil.id)).toHaveLength(1);
        expect(listed).not.toContain(corrected.id);
        expect((await store.search({ q: 'فيينا' })).items.map((hit) => hit.article.id)).toEqual([oil.id]);
        expect((await store.search({ q: 'المخزونات' })).items).toEqual([]);
        // Other articles' headlines still lead to it, under the address they knew.
        expect((await store.get(teachers.id))?.readAlso[0]?.link).toEqual({ id: oil.id, slug: oil.slug });
        expect(await store.upsert(corrected)).toEqual({ status: 'unchanged', id: oil.id, slug: oil.slug });
      });

      it('leaves no headline pointing at a replaced version when the page is retitled', async () => {
        await storeFixtures();
        await store.upsert(oilPage);
        const retitled = buildArticle({
          ...oilDraft,
          title: 'أسعار الخام تقفز بعد خفض الإمدادات',
          url: page,
        });
        expect(await store.upsert(retitled)).toEqual({ status: 'updated', id: oil.id, slug: oil.slug });
        expect((await store.get(oil.id))?.title).toBe(retitled.title);
        const links = ((await store.get(teachers.id)) as Article).readAlso.map((item) => item.link);
        for (const link of links) {
          if (link) expect(await store.get(link.id), link.id).not.toBeNull();
        }
        expect(links[0]).toBeNull();
        expect((await store.stats()).articles).toBe(fixtures.length + 1);
      });

      it('stores two versions of one page in one batch as one article', async () => {
        const later = buildArticle({ ...oilDraft, title: 'النفط يرتفع بعد خفض الإنتاج', url: page });
        const { outcomes } = await store.upsertMany([oilPage, later, oilPage]);
        expect(outcomes).toEqual([
          { status: 'added', id: oil.id, slug: oil.slug },
          { status: 'updated', id: oil.id, slug: oil.slug },
          { status: 'updated', id: oil.id, slug: oil.slug },
        ]);
        expect((await store.stats()).articles).toBe(1);
        expect((await store.get(oil.id))?.title).toBe(oil.title);
      });

      it('files a large batch holding a page stored under another id as that article', async () => {
        await store.upsert(oilPage);
        // The rows of a batch this large are made ahead, each under its document's own id; the page's
        // row is planned under the stored article's id and slug instead.
        const rewritten = buildArticle({ ...oilDraft, title: 'النفط يرتفع بعد خفض الإنتاج', url: page });
        const others = generateArticles(39, 23);
        const { outcomes } = await store.upsertMany([...others.slice(0, 20), rewritten, ...others.slice(20)]);
        expect(rewritten.id).not.toBe(oil.id);
        expect(outcomes[20]).toEqual({ status: 'updated', id: oil.id, slug: oil.slug });
        expect((await store.stats()).articles).toBe(40);
        expect(await store.get(rewritten.id)).toBeNull();
        expect(await store.get(oil.id)).toMatchObject({
          id: oil.id,
          slug: oil.slug,
          title: rewritten.title,
          url: page,
        });
        for (const other of others) expect((await store.get(other.id))?.title).toBe(other.title);
      });

      it('keeps pages with other URLs, or none, apart, and frees the URL a page moved from', async () => {
        const moved = buildArticle({ ...oilDraft, url: 'https://news.example.com/economy/oil' });
        const other = buildArticle({ ...(drafts[4] as ArticleDraft), url: page });
        const { outcomes } = await store.upsertMany([oilPage, moved, other]);
        expect(outcomes.map((outcome) => [outcome.status, outcome.id])).toEqual([
          ['added', oil.id],
          ['updated', oil.id],
          ['added', other.id],
        ]);
        const again = buildArticle({ ...(drafts[2] as ArticleDraft), url: moved.url });
        expect((await store.upsert(again)).id).toBe(oil.id);
        expect((await store.upsert(flu)).status).toBe('added');
        expect((await store.stats()).articles).toBe(3);
        expect((await store.get(other.id))?.url).toBe(page);
      });
    });

    describe('list', () => {
      it('lists newest first by instant, undated last', async () => {
        await storeFixtures();
        const { items, nextCursor } = await store.list({ limit: 100 });
        expect(nextCursor).toBeNull();
        const ids = items.map((item) => item.id);
        // 20:00Z on 5 October, then 14:30+03:00 (11:30Z), then 08:00 as written.
        expect(ids.slice(0, 3)).toEqual([football.id, oil.id, teachers.id]);
        expect(ids.slice(3, 6)).toEqual([flu.id, budget.id, bookFair.id]);
        expect(items.slice(6).map((item) => item.publishedAt)).toEqual([null, null]);
        expect(ids.slice(6).sort()).toEqual(
          [heart.id, (await store.get(teachers.id))?.related[0]?.link?.id].sort(),
        );
        const summary = items.find((item) => item.id === flu.id) as ArticleSummary;
        expect(summary).toEqual({
          id: flu.id,
          slug: flu.slug,
          title: flu.title,
          publishedAt: flu.publishedAt,
          source: flu.source,
          tags: flu.tags,
          excerpt: flu.body[0],
          wordCount: flu.wordCount,
        });
      });

      it('walks every article exactly once, page by page, in the one-page order', async () => {
        const articles = generateArticles(63);
        await store.upsertMany(articles);
        const whole = (await store.list({ limit: 100 })).items.map((item) => item.id);
        expect(new Set(whole)).toEqual(new Set(articles.map((article) => article.id)));
        for (const limit of [1, 7, 20]) {
          const walked = await walk((cursor) => store.list({ limit, cursor }));
          expect(walked.map((item) => item.id)).toEqual(whole);
        }
      });

      it('filters by tag, agency, publisher and date range, across pages', async () => {
        const articles = generateArticles(80, 3);
        await store.upsertMany(articles);
        // Dates without a zone are ordered as written, as if they were UTC.
        const instant = ({ publishedAt }: Article) =>
          publishedAt === null
            ? null
            : Date.parse(publishedAt.length === 19 ? `${publishedAt}Z` : publishedAt);
        const cases: [Parameters<ArticleStore['list']>[0], (article: Article) => boolean][] = [
          [{ tag: 'الصحة' }, (article) => article.tags.includes('الصحة')],
          [{ agency: 'رويترز' }, (article) => article.source.agency === 'رويترز'],
          [{ publisher: 'الثقافية' }, (article) => article.source.publisher === 'الثقافية'],
          [
            { from: '2024-03-03', to: '2024-03-05' },
            (article) => {
              const at = instant(article);
              return (
                at !== null &&
                at >= Date.parse('2024-03-03T00:00:00Z') &&
                at <= Date.parse('2024-03-05T23:59:59Z')
              );
            },
          ],
          [
            { from: '2024-03-04T01:00:00Z', agency: 'واس' },
            (article) => {
              const at = instant(article);
              return (
                article.source.agency === 'واس' && at !== null && at >= Date.parse('2024-03-04T01:00:00Z')
              );
            },
          ],
        ];
        for (const [filter, keep] of cases) {
          const walked = await walk((cursor) => store.list({ ...filter, limit: 4, cursor }));
          const expected = articles.filter(keep).map((article) => article.id);
          expect(expected.length).toBeGreaterThan(0);
          expect(walked.map((item) => item.id).sort()).toEqual(expected.sort());
        }
      });

      it('stores times a zone moves out of the four-digit years, ordered before or after every other', async () => {
        const [recent, earliest, latest] = [
          '2024-05-01T10:00:00Z',
          '0000-01-01T00:30:00+01:00',
          '9999-12-31T23:30:00-01:00',
        ].map((publishedAt, index) =>
          buildArticle({ title: `خبر التاريخ رقم ${index}`, publishedAt, body: [`نص الخبر رقم ${index}.`] }),
        ) as [Article, Article, Article];
        const undated = buildArticle({ title: 'خبر بلا تاريخ', publishedAt: null, body: ['نص بلا تاريخ.'] });
        for (const article of [recent, earliest, latest, undated]) {
          expect((await store.upsert(article)).status).toBe('added');
        }
        expect((await store.list()).items.map((item) => item.id)).toEqual([
          latest.id,
          recent.id,
          earliest.id,
          undated.id,
        ]);
        expect((await store.get(earliest.id))?.publishedAt).toBe('0000-01-01T00:30:00+01:00');
      });

      it('refuses limits outside 1..100 and dates that are not ISO 8601', async () => {
        for (const limit of [0, 101, 1.5, -1, Number.NaN]) {
          await expect(store.list({ limit })).rejects.toMatchObject({ code: 'invalid_query' });
        }
        await expect(store.list({ from: 'yesterday' })).rejects.toMatchObject({ code: 'invalid_query' });
        await expect(store.list({ to: '2023-02-30' })).rejects.toMatchObject({ code: 'invalid_query' });
        expect((await store.list({ limit: 1 })).items).toEqual([]);
      });

      it('refuses cursors it did not give out', async () => {
        await storeFixtures();
        const searchCursor = (await store.search({ q: 'الصحة', limit: 1 })).nextCursor as string;
        expect(searchCursor).not.toBeNull();
        for (const cursor of [
          'not a cursor',
          'e30',
          Buffer.from('["l",1,2]').toString('base64url'),
          searchCursor,
        ]) {
          const error = await store.list({ cursor }).catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(StoreError);
          expect((error as StoreError).code).toBe('invalid_cursor');
        }
        const listCursor = (await store.list({ limit: 1 })).nextCursor as string;
        await expect(store.search({ q: 'الصحة', cursor: listCursor })).rejects.toMatchObject({
          code: 'invalid_cursor',
        });
      });
    });

    describe('search', () => {
      const ids = (hits: SearchHit[]) => hits.map((hit) => hit.article.id);

      it('compacts without changing what it answers, and writes and searches go on after', async () => {
        await storeFixtures();
        const queries = ['الصحة', 'التطعيم الانفلونزا', 'النفط'];
        const before = await Promise.all(queries.map((q) => store.search({ q })));
        const listed = await store.list();
        await store.compact();
        expect(await Promise.all(queries.map((q) => store.search({ q })))).toEqual(before);
        expect(await store.list()).toEqual(listed);
        await store.delete(flu.id);
        expect(ids((await store.search({ q: 'الانفلونزا' })).items)).not.toContain(flu.id);
        expect(await store.upsert(flu)).toMatchObject({ status: 'added' });
        expect(ids((await store.search({ q: 'الانفلونزا' })).items)).toContain(flu.id);
      });

      it('gives the page of a search as its JSON bytes, and refuses what search refuses', async () => {
        await storeFixtures();
        const first = await store.search({ q: 'الصحة', limit: 1 });
        expect(first.items).toHaveLength(1);
        const queries = [
          { q: 'الصحة', limit: 1 },
          { q: 'الصحة', limit: 1, cursor: first.nextCursor as string },
          { q: 'التطعيم الانفلونزا', collapse: 'none' as const },
          { q: 'كلمة لا توجد' },
        ];
        for (const query of queries) {
          const bytes = await store.searchJson(query);
          expect(bytes).toBeInstanceOf(Uint8Array);
          expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual(await store.search(query));
        }
        const listCursor = (await store.list({ limit: 1 })).nextCursor as string;
        await expect(store.searchJson({ q: 'الصحة', cursor: listCursor })).rejects.toMatchObject({
          code: 'invalid_cursor',
        });
      });

      it('matches spellings that differ in hamza, taa marbuta, harakat and prefixes', async () => {
        await storeFixtures();
        for (const q of ['الانفلونزا', 'إنفلونزا', 'والإنفلُونزا', 'حمله التطعيم', 'للتطعيم']) {
          expect(ids((await store.search({ q })).items)[0]).toBe(flu.id);
        }
        expect(ids((await store.search({ q: 'المعلمون يحتفلون' })).items)[0]).toBe(teachers.id);
      });

      it('ranks a title match above a body-only match', async () => {
        await storeFixtures();
        const hits = ids((await store.search({ q: 'النفط' })).items);
        expect(hits[0]).toBe(oil.id);
        expect(hits).toContain(budget.id);
      });

      it('requires every term of a full match', async () => {
        await storeFixtures();
        const both = (await store.search({ q: 'النفط الإنتاج' })).items;
        expect(both.filter((hit) => hit.score >= 0).map((hit) => hit.article.id)).toEqual([oil.id]);
        const partly = (await store.search({ q: 'النفط البطريق' })).items;
        expect(partly.every((hit) => hit.score < 0)).toBe(true);
      });

      it('does not require function words when the query has others, and marks them all', async () => {
        await storeFixtures();
        const [hit] = (await store.search({ q: 'حملة عن التطعيم' })).items;
        expect(hit?.article.id).toBe(flu.id);
        const onlyFunctionWords = (await store.search({ q: 'على من', limit: 100 })).items;
        const holding = fixtures.filter((article) =>
          ['على', 'من'].every((word) =>
            `${article.title} ${article.body.join(' ')}`.split(/[^\p{L}]+/u).includes(word),
          ),
        );
        expect(holding.length).toBeGreaterThan(0);
        for (const article of holding) expect(ids(onlyFunctionWords)).toContain(article.id);
      });

      it('highlights the matched words of the original text', async () => {
        await storeFixtures();
        const q = 'المدارس الحملة';
        const stems = new Set(searchTerms(q));
        const { items } = await store.search({ q });
        expect(items.length).toBeGreaterThan(0);
        for (const hit of items) {
          const article = (await store.get(hit.article.id)) as Article;
          expect(hit.highlights.length).toBeGreaterThan(0);
          for (const fragment of hit.highlights) {
            const field = fieldText(article, fragment);
            expect(fragment.text).toBe(field.slice(fragment.start, fragment.end));
            expect(fragment.matches.length).toBeGreaterThan(0);
            for (const match of fragment.matches) {
              expect(match.start).toBeGreaterThanOrEqual(fragment.start);
              expect(match.end).toBeLessThanOrEqual(fragment.end);
              const word = field.slice(match.start, match.end);
              expect(searchTerms(word).some((term) => stems.has(term))).toBe(true);
            }
          }
        }
        const fluHit = items.find((hit) => hit.article.id === flu.id) as SearchHit;
        expect(fluHit.highlights[0]?.field).toBe('title');
        const titleMatches = fluHit.highlights[0]?.matches.map((match) =>
          flu.title.slice(match.start, match.end),
        );
        expect(titleMatches).toEqual(['حملة', 'المدارس']);
      });

      it('answers a hit whose stored document is damaged, without fragments of its body', async () => {
        const article = buildArticle({
          title: 'خبر عن الفيضان',
          publishedAt: '2023-01-01T00:00:00',
          body: ['مقدمة لا تذكر الكلمة', 'اجتاح الفيضان القرى المجاورة'],
        });
        await store.upsert(article);
        const fields = async () => {
          const [hit] = (await store.search({ q: 'الفيضان' })).items;
          expect(hit?.article.id).toBe(article.id);
          return hit?.highlights.map((fragment) => `${fragment.field} ${fragment.paragraph ?? ''}`.trim());
        };
        expect(await fields()).toEqual(['title', 'body 1']);
        await harness.damageDocument(article.id);
        expect(await fields()).toEqual(['title']);
      });

      it('cuts long paragraphs into a fragment around the matched words', async () => {
        const long = buildArticle({
          title: 'تقرير طويل',
          publishedAt: '2023-01-01T00:00:00',
          body: [`${'كلمة عادية '.repeat(60)}الزلزال ضرب المنطقة ${'ثم كلام آخر '.repeat(60)}`],
        });
        await store.upsert(long);
        const [hit] = (await store.search({ q: 'الزلزال' })).items;
        const [fragment] = hit?.highlights ?? [];
        expect(fragment?.paragraph).toBe(0);
        expect(fragment?.text.length).toBeLessThanOrEqual(200);
        expect(fragment?.text).toContain('الزلزال');
        expect(fragment?.start).toBeGreaterThan(0);
      });

      it('cuts fragments from the stored text of later paragraphs, whatever characters JSON escapes in them', async () => {
        const paragraphs = [
          'مقدمة لا تذكر الكلمة المطلوبة في هذا الموضع',
          'قال "المتحدث" إن \\ الفيضان \u2028 اجتاح القرى \t و\u{1F30A} تضررت الطرق',
          'خاتمة بلا شيء يذكر',
        ];
        const escaped = buildArticle({
          title: 'تقرير عن الطقس',
          publishedAt: '2023-01-02T00:00:00',
          body: paragraphs,
        });
        await store.upsert(escaped);
        const [hit] = (await store.search({ q: 'الفيضان' })).items;
        expect(hit?.article.id).toBe(escaped.id);
        const [fragment] = hit?.highlights ?? [];
        expect(fragment?.field).toBe('body');
        expect(fragment?.paragraph).toBe(1);
        expect(fragment?.text).toBe(paragraphs[1]);
        const matched = fragment?.matches.map((match) => paragraphs[1]?.slice(match.start, match.end));
        expect(matched).toEqual(['الفيضان']);
      });

      it('pages through hits with a cursor, each once, in rank order', async () => {
        const articles = generateArticles(40, 5);
        await store.upsertMany(articles);
        const q = 'الحكومة';
        const whole = (await store.search({ q, limit: 100 })).items;
        expect(whole.length).toBeGreaterThan(5);
        const scores = whole.map((hit) => hit.score);
        expect([...scores].sort((a, b) => b - a)).toEqual(scores);
        const walked = await walk((cursor) => store.search({ q, limit: 3, cursor }));
        expect(ids(walked)).toEqual(ids(whole));
      });

      it('ranks the most recently stored matches of a common word, and the titles that hold it', async () => {
        const headline = buildArticle({
          title: 'بيان مشترك للوزراء',
          publishedAt: '2023-12-31T00:00:00',
          body: ['نص مشترك.'],
        });
        const others = Array.from({ length: RANKED_WINDOW + 10 }, (_, index) =>
          buildArticle({
            title: `نشرة رقم ${index}`,
            publishedAt: '2024-01-01T00:00:00',
            body: ['نص مشترك.'],
          }),
        );
        await store.upsertMany([headline, ...others]);
        const walked = await walk((cursor) => store.search({ q: 'مشترك', limit: 100, cursor }));
        expect(walked[0]?.article.id).toBe(headline.id);
        expect(new Set(ids(walked))).toEqual(
          new Set([headline.id, ...others.slice(10).map((article) => article.id)]),
        );
      });

      it('finds the older headlines holding a common word when the newest fill the window with it too', async () => {
        const articles = Array.from({ length: RANKED_WINDOW + 50 }, (_, index) =>
          buildArticle({
            title: `بيان الوزير رقم ${index}`,
            publishedAt: '2024-01-01T00:00:00',
            body: [`نص البيان رقم ${index}.`],
          }),
        );
        await store.upsertMany(articles);
        // The newest RANKED_WINDOW are ranked, and with them the newest older ones whose title holds
        // the word: here every one of the fifty oldest.
        const walked = await walk((cursor) =>
          store.search({ q: 'الوزير', limit: 100, cursor, collapse: 'none' }),
        );
        expect(new Set(ids(walked))).toEqual(new Set(articles.map((article) => article.id)));
      });

      it('answers as before once warmed, and sees what is written after', async () => {
        await storeFixtures();
        const opening = buildArticle({
          title: 'افتتاح مستشفى تبوك',
          publishedAt: '2024-03-01T08:00:00',
          body: HOSPITAL,
        });
        const rewrite = buildArticle({
          title: 'مستشفى جديد في تبوك',
          publishedAt: '2024-03-02T08:00:00',
          body: HOSPITAL_REWRITE,
        });
        await store.upsertMany([opening, rewrite]);
        const queries = ['الصحة', 'الانفلونزا', 'أسعار النفط', 'الحكومة', 'مستشفى'];
        const before = await Promise.all(queries.map((q) => store.search({ q })));
        expect(before.map((page) => page.items.length > 0)).toEqual(queries.map(() => true));
        await store.warm();
        expect(await Promise.all(queries.map((q) => store.search({ q })))).toEqual(before);
        // One story, so one hit naming the other outlet; once the rewrite tells another story, two
        // hits: what warming kept of the rewrite (its story) is read again after the write.
        const hits = async () =>
          (await store.search({ q: 'مستشفى' })).items.map((hit) => [hit.article.id, hit.alsoIn.length]);
        expect(await hits()).toEqual([[expect.any(String), 1]]);
        await store.upsert({
          ...rewrite,
          body: OTHER_HOSPITAL,
          provenance: { ...rewrite.provenance, contentHash: 'e'.repeat(64) },
        });
        expect(new Set(await hits())).toEqual(
          new Set([
            [opening.id, 0],
            [rewrite.id, 0],
          ]),
        );
      });

      it('answers a query without terms with an empty page', async () => {
        await storeFixtures();
        for (const q of ['', '   ', '...', '؟!', '"" \'\'']) {
          expect(await store.search({ q })).toEqual({ items: [], nextCursor: null });
        }
        await expect(store.search({ q: 'النفط', limit: 0 })).rejects.toMatchObject({ code: 'invalid_query' });
      });

      it('reads hostile input as plain words and changes nothing', async () => {
        await storeFixtures();
        const before = await harness.digest();
        for (const q of HOSTILE_QUERIES) {
          const page = await store.search({ q });
          expect(Array.isArray(page.items), q.slice(0, 20)).toBe(true);
          for (const hit of page.items) expect(hit.highlights.length).toBeGreaterThan(0);
        }
        // Read as syntax it would match the oil article in full; read as words, no article holds them all.
        const near = (await store.search({ q: 'NEAR(النفط الإنتاج, 2)' })).items;
        expect(near.every((hit) => hit.score < 0)).toBe(true);
        expect(ids((await store.search({ q: '-النفط' })).items)[0]).toBe(oil.id);
        expect(await harness.digest()).toBe(before);
        expect(await harness.integrity()).toBe('ok');
        expect((await store.stats()).articles).toBe(fixtures.length + 1);
      });
    });

    describe('search when few articles hold every word', () => {
      const ids = (hits: SearchHit[]) => hits.map((hit) => hit.article.id);
      const article = (title: string, day: number, body = 'نص الخبر.') =>
        buildArticle({
          title,
          publishedAt: `2023-03-${String(day).padStart(2, '0')}T08:00:00`,
          body: [body],
        });

      it('finds a word starting with ال whether the reader or the article wrote the article before it', async () => {
        const enrolment = article('فتح باب قبول طلبات الالتحاق بالبكالوريوس التكميلي', 1);
        const columnist = article('الغذامي يقتحم عالم الصحافه الالكترونيه', 2);
        const bare = article('التحاق ثلاثي الوحدة بمعسكر الفريق', 3);
        await store.upsertMany([enrolment, columnist, bare, ...fixtures]);
        const first = async (q: string) => (await store.search({ q })).items[0];
        const enrolled = await first('طلبات التحاق بالبكالوريوس التكميلي');
        expect(enrolled?.article.id).toBe(enrolment.id);
        expect(enrolled?.score).toBeGreaterThanOrEqual(0);
        const column = await first('غذامي يقتحم العالم الصحافة إلكترونية');
        expect(column?.article.id).toBe(columnist.id);
        expect(column?.score).toBeGreaterThanOrEqual(0);
        expect((await first('الالتحاق الوحدة'))?.article.id).toBe(bare.id);
      });

      it('adds articles holding most of the words, ranked below those holding all, by how many they hold', async () => {
        const all = article('مرصد يرصد كوكب ومذنب ونيزك', 1);
        const three = article('مرصد يرصد كوكب ومذنب', 2);
        const two = article('مرصد يرصد نيزك', 3, 'صورة كوكب في السماء.');
        const one = article('مرصد جديد في الجامعة', 4);
        await store.upsertMany([one, two, three, all, ...fixtures]);
        const { items } = await store.search({ q: 'مرصد كوكب مذنب نيزك' });
        expect(ids(items)).toEqual([all.id, three.id, two.id]);
        const scores = items.map((hit) => hit.score);
        expect([...scores].sort((a, b) => b - a)).toEqual(scores);
        expect(scores[0]).toBeGreaterThanOrEqual(0);
        expect(scores[1]).toBeLessThan(0);
        const [, relaxed] = items;
        expect(relaxed?.highlights[0]?.matches.length).toBe(3);
        // As many full matches as the page holds: nothing is added.
        expect(ids((await store.search({ q: 'مرصد كوكب مذنب نيزك', limit: 1 })).items)).toEqual([all.id]);
        // A word no article holds: every hit is relaxed, still ordered by how many words it holds.
        const lackingOne = (await store.search({ q: 'مرصد كوكب مذنب نيزك زحل' })).items;
        expect(ids(lackingOne)).toEqual([all.id, three.id, two.id]);
        expect(lackingOne.every((hit) => hit.score < 0)).toBe(true);
      });

      it('pages over the relaxed hits with a cursor, each once, in rank order, whatever the page size', async () => {
        const partial = Array.from({ length: 14 }, (_, index) =>
          article(`مرصد يرصد ${index % 2 === 0 ? 'كوكب' : 'مذنب'} رقم ${index}`, index + 1),
        );
        const full = article('مرصد يرصد كوكب ومذنب', 20);
        await store.upsertMany([...partial, full]);
        const q = 'مرصد كوكب مذنب';
        const whole = (await store.search({ q, limit: 100 })).items;
        expect(ids(whole)).toHaveLength(15);
        expect(whole[0]?.article.id).toBe(full.id);
        const walked = await walk((cursor) => store.search({ q, limit: 4, cursor }));
        expect(ids(walked)).toEqual(ids(whole));
        let cursor = (await store.search({ q, limit: 3 })).nextCursor as string;
        const sizes = [];
        for (const limit of [1, 5, 100]) {
          const page = await store.search({ q, limit, cursor });
          sizes.push(page.items.length);
          if (page.nextCursor) cursor = page.nextCursor;
        }
        expect(sizes).toEqual([1, 5, 6]);
      });
      it('gives the relaxed hits after the last full match whatever the page size, when full matches fill pages', async () => {
        const full = [20, 21, 22].map((day) => article(`مرصد يرصد كوكب ومذنب ${day}`, day));
        const partial = [1, 2, 3, 4].map((day) => article(`مرصد يرصد كوكب بعيد ${day}`, day));
        await store.upsertMany([...partial, ...full]);
        const q = 'مرصد كوكب مذنب';
        const whole = (await store.search({ q, limit: 100 })).items;
        expect(ids(whole)).toHaveLength(7);
        expect(whole.slice(0, 3).every((hit) => hit.score >= 0)).toBe(true);
        expect(whole.slice(3).every((hit) => hit.score < 0)).toBe(true);
        for (const limit of [1, 2, 3, 5]) {
          const walked = await walk((cursor) => store.search({ q, limit, cursor }));
          expect(ids(walked), `pages of ${limit}`).toEqual(ids(whole));
        }
      });
    });

    describe('tags, sources, related, stats', () => {
      it('counts tags and sources, most used first', async () => {
        await storeFixtures();
        const tags = await store.tags();
        const expectedTags = countBy(fixtures.flatMap((article) => article.tags));
        expect(tags).toEqual(expectedTags.map(([tag, count]) => ({ tag, count })));
        expect(await store.tags(2)).toEqual(tags.slice(0, 2));
        const stored = [
          ...fixtures,
          (await store.get((await store.get(teachers.id))?.related[0]?.link?.id as string)) as Article,
        ];
        const expectedSources = [
          ...countBy(stored.flatMap((article) => article.source.agency ?? [])).map(([name, count]) => ({
            name,
            kind: 'agency',
            count,
          })),
          ...countBy(stored.flatMap((article) => article.source.publisher ?? [])).map(([name, count]) => ({
            name,
            kind: 'publisher',
            count,
          })),
        ].sort((a, b) => b.count - a.count || compare(a.name, b.name) || compare(a.kind, b.kind));
        expect(await store.sources()).toEqual(expectedSources);
        await expect(store.tags(0)).rejects.toMatchObject({ code: 'invalid_query' });
      });

      it('finds related articles by shared tags first, then by text, never the article itself', async () => {
        await storeFixtures();
        const related = (await store.related(flu.id, 10)).map((item) => item.id);
        expect(related).not.toContain(flu.id);
        // The teachers' day shares المدارس and the heart article الصحة; text similarity fills the rest.
        const sharing = fixtures
          .filter((article) => article.id !== flu.id)
          .map(
            (article) => [article.id, article.tags.filter((tag) => flu.tags.includes(tag)).length] as const,
          )
          .filter(([, shared]) => shared > 0);
        expect(new Set(related.slice(0, sharing.length))).toEqual(new Set(sharing.map(([id]) => id)));
        expect(related.length).toBeGreaterThan(sharing.length);
        expect(await store.related('0000000000000000')).toEqual([]);
        expect((await store.related(oil.id, 1)).length).toBe(1);
      });

      it('reports counts and the date range', async () => {
        await storeFixtures();
        expect(await store.stats()).toEqual({
          articles: fixtures.length + 1,
          tags: new Set(fixtures.flatMap((article) => article.tags)).size,
          agencies: new Set(fixtures.flatMap((article) => article.source.agency ?? [])).size,
          publishers: new Set(fixtures.flatMap((article) => article.source.publisher ?? [])).size,
          earliest: bookFair.publishedAt,
          latest: football.publishedAt,
        });
        await expect(store.ping()).resolves.toBeUndefined();
      });
    });

    describe('opening', () => {
      it('migrates once: reopening keeps the data and applies nothing again', async () => {
        await storeFixtures();
        const again = await harness.reopen();
        try {
          expect((await again.stats()).articles).toBe(fixtures.length + 1);
          expect(await harness.migrationCount()).toBe(harness.migrations);
        } finally {
          await again.close();
        }
      });

      it('opens one database from several places at once', async () => {
        const stores = await Promise.all([harness.reopen(), harness.reopen(), harness.reopen()]);
        try {
          await Promise.all(stores.map((other, index) => other.upsert(fixtures[index] as Article)));
          expect((await store.stats()).articles).toBe(3);
          expect(await harness.migrationCount()).toBe(harness.migrations);
        } finally {
          await Promise.all(stores.map((other) => other.close()));
        }
      });
    });

    describe('crashes and concurrent readers', () => {
      it('keeps every reported batch through SIGKILL, and a rerun adds no duplicates', async () => {
        const total = 600;
        const child = startIngest(harness, total, 25);
        const reported = await readIdsUntil(child, 100);
        child.kill('SIGKILL');
        await exited(child);
        expect(reported.length).toBeGreaterThanOrEqual(100);
        expect(reported.length).toBeLessThan(total);

        expect(await harness.integrity()).toBe('ok');
        const reopened = await harness.reopen();
        try {
          for (const id of reported) expect(await reopened.get(id), id).not.toBeNull();
          const stored = (await reopened.stats()).articles;
          expect(stored).toBeGreaterThanOrEqual(reported.length);
          const articles = generateArticles(total, 7, 12);
          const { outcomes } = await reopened.upsertMany(articles);
          const reportedSet = new Set(reported);
          for (const outcome of outcomes) {
            if (reportedSet.has(outcome.id)) expect(outcome.status).toBe('unchanged');
          }
          expect(outcomes.filter((outcome) => outcome.status === 'added').length).toBe(total - stored);
          expect((await reopened.stats()).articles).toBe(total);
          const rerun = await reopened.upsertMany(articles);
          expect(new Set(rerun.outcomes.map((outcome) => outcome.status))).toEqual(new Set(['unchanged']));
          expect((await reopened.stats()).articles).toBe(total);
          expect(await harness.integrity()).toBe('ok');
        } finally {
          await reopened.close();
        }
      }, 120_000);

      it('answers readers while another process ingests', async () => {
        const total = 600;
        const child = startIngest(harness, total, 10);
        child.stdout?.resume();
        const done = exited(child);
        let running = true;
        void done.then(() => {
          running = false;
        });
        const seen: number[] = [];
        while (running) {
          const count = (await store.stats()).articles;
          seen.push(count);
          await store.list({ limit: 5 });
          await store.search({ q: 'الحكومة' });
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        expect(await done).toBe(0);
        expect(seen.some((count) => count > 0 && count < total)).toBe(true);
        expect([...seen].sort((a, b) => a - b)).toEqual(seen);
        expect((await store.stats()).articles).toBe(total);
        const walked = await walk((cursor) => store.list({ limit: 100, cursor }));
        expect(new Set(walked.map((item) => item.id)).size).toBe(total);
      }, 120_000);
    });
  });
}

function fieldText(article: Article, fragment: Highlight): string {
  return fragment.field === 'title' ? article.title : (article.body[fragment.paragraph ?? -1] ?? '');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Values with their number of occurrences, most frequent first, then in code point order. */
function countBy(values: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
}

function startIngest(harness: StoreHarness, count: number, batchSize: number): ChildProcess {
  return spawn(
    process.execPath,
    [childScript, harness.location, harness.schema ?? '-', String(count), String(batchSize)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

/** Collects the ids the child reports until at least `wanted` have come (or it ends). */
function readIdsUntil(child: ChildProcess, wanted: number): Promise<string[]> {
  return new Promise((resolve) => {
    const ids: string[] = [];
    let buffer = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      ids.push(...lines.filter((line) => /^[0-9a-f]{16}$/.test(line)));
      if (ids.length >= wanted) resolve(ids);
    });
    child.on('exit', () => resolve(ids));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}
