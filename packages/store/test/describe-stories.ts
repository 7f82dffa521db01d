import { createHash } from 'node:crypto';
import { seededRandom } from '@khabar/devkit';
import type { Article } from '@khabar/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ArticleStore, StoreError } from '../src/index.ts';
import { MAX_BODY_CHARACTERS, storyFingerprint } from '../src/stories/index.ts';
import { HOSPITAL, HOSPITAL_REWRITE, MATCH, OTHER_HOSPITAL } from '../src/stories/test-articles.ts';
import { type ArticleDraft, buildArticle } from './build-article.ts';
import { generateArticles } from './generate-articles.ts';
import type { StoreHarness } from './store-harness.ts';
import { expectStoryInvariants } from './story-invariants.ts';

// One story as five outlets ran it: the first, the same body under a new title, words changed, a
// paragraph dropped and two swapped, and another outlet's credits a day later.
const retold = (from: string, to: string) => (sentence: string) => sentence.replace(from, to);
const drafts = {
  first: {
    title: 'وزارة الصحة تفتتح مستشفى جديدا في تبوك',
    publishedAt: '2024-03-01T08:00:00',
    body: HOSPITAL,
    publisher: 'الرياض',
    tags: ['الصحة'],
  },
  retitled: {
    title: 'مستشفى بثلاثمائة سرير لسكان الشمال',
    publishedAt: '2024-03-01T10:00:00',
    body: HOSPITAL,
    publisher: 'عكاظ',
  },
  edited: {
    title: 'افتتاح مستشفى تبوك الجديد',
    publishedAt: '2024-03-01T12:00:00',
    body: HOSPITAL.map(retold('الوزارة', 'الهيئة')).map(retold('المنطقة', 'الإقليم')),
    publisher: 'المدينة',
  },
  trimmed: {
    title: 'مستشفى جديد في تبوك',
    publishedAt: '2024-03-01T15:00:00',
    body: [0, 2, 1, 3, 5].map((index) => HOSPITAL[index] as string),
    agency: 'واس',
    publisher: 'المدينة',
  },
  credited: {
    title: 'تبوك تستقبل مستشفى جديدا',
    publishedAt: '2024-03-02T08:00:00',
    body: HOSPITAL_REWRITE,
    agency: 'واس',
    publisher: null,
  },
} satisfies Record<string, ArticleDraft>;

const hospital = Object.values(drafts).map(buildArticle);
const [first, retitled, edited, trimmed, credited] = hospital as [
  Article,
  Article,
  Article,
  Article,
  Article,
];
const match = buildArticle({
  title: 'الهلال يفوز على النصر',
  publishedAt: '2024-03-01T21:00:00',
  body: MATCH,
  publisher: 'الرياضية',
  tags: ['رياضة'],
});
const heart = buildArticle({
  title: 'مركز لأمراض القلب في الأحساء',
  publishedAt: '2024-03-01T09:00:00',
  body: OTHER_HOSPITAL,
  publisher: 'اليوم',
  tags: ['الصحة'],
});
const unrelated = [match, heart];

const createHashHex = (text: string) => createHash('sha256').update(text).digest('hex');

const ids = (articles: readonly Article[]) => articles.map((article) => article.id).sort();

/** A body of `characters` or more made of seeded words in sentences: no other article's text. */
function noiseBody(characters: number, seed: number): string[] {
  const random = seededRandom(seed);
  const words = Array.from({ length: 400 }, (_, index) => `لفظ${index.toString(36)}`);
  const paragraphs: string[] = [];
  let total = 0;
  while (total < characters) {
    const sentence = Array.from({ length: 60 }, () => words[Math.floor(random() * words.length)]).join(' ');
    paragraphs.push(`${sentence}.`);
    total += sentence.length + 1;
  }
  return paragraphs;
}

/** Story detection on a store: the same behaviour on both stores; `open` gives a fresh, empty one. */
export function describeStories(name: string, open: () => Promise<StoreHarness>): void {
  describe(`${name}: stories`, () => {
    let harness: StoreHarness;
    let store: ArticleStore;

    beforeEach(async () => {
      harness = await open();
      store = harness.store;
    });

    afterEach(async () => {
      // Whatever a test wrote, the story tables must agree with one another (checked before closing).
      try {
        expectStoryInvariants(await harness.storyState());
      } finally {
        await harness.dispose();
      }
    });

    /** Every story, a page at a time, from the listing with its smallest size. */
    const allStories = async (minSize: number, limit = 100) => {
      const items = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await store.stories({ minSize, limit, cursor });
        items.push(...page.items);
        if (page.nextCursor === null) return items;
        cursor = page.nextCursor;
      }
      throw new Error('the cursor never ended');
    };

    it('joins the copies of one story, whatever their titles, edits, credits and dates, and nothing else', async () => {
      await store.upsertMany([...hospital, ...unrelated]);
      expect(await store.storyClusters()).toEqual([{ story: first.id, articles: ids(hospital) }]);
      // Asked for, the members come with it, as the story itself lists them: earliest first.
      const [detailed] = await store.storyClusters({ members: true });
      expect(detailed?.articles).toEqual(ids(hospital));
      expect(detailed?.members).toEqual((await store.story(first.id))?.articles);
      expect(detailed?.members?.map((member) => member.id)).not.toEqual(ids(hospital));
      const ref = { id: first.id, size: 5, firstPublishedAt: first.publishedAt };
      for (const article of hospital) expect((await store.get(article.id))?.story).toEqual(ref);
      expect((await store.get(trimmed.slug))?.story).toEqual(ref);
      for (const article of unrelated) {
        expect((await store.get(article.id))?.story).toEqual({
          id: article.id,
          size: 1,
          firstPublishedAt: article.publishedAt,
        });
      }
    });

    it('gives the same stories whatever order and batches the articles come in', async () => {
      const articles = [...hospital, ...unrelated];
      for (const article of articles) await store.upsert(article);
      const oneByOne = await store.storyClusters();
      expect(oneByOne).toHaveLength(1);
      const random = seededRandom(14);
      for (const batch of [1, 3, articles.length]) {
        const shuffled = [...articles].sort(() => random() - 0.5);
        const other = await open();
        try {
          for (let start = 0; start < shuffled.length; start += batch) {
            await other.store.upsertMany(shuffled.slice(start, start + batch));
          }
          expect(await other.store.storyClusters(), `batches of ${batch}`).toEqual(oneByOne);
          expect(await other.store.stories({ minSize: 1 })).toEqual(await store.stories({ minSize: 1 }));
        } finally {
          await other.dispose();
        }
      }
    });

    it('ends with the stories of what is stored, whatever was written, changed and deleted on the way', async () => {
      // Versions of each article: its own body, or another story's, or a body of its own words.
      const bodies = [HOSPITAL, HOSPITAL_REWRITE, MATCH, OTHER_HOSPITAL, noiseBody(600, 3)];
      const articles = [...hospital, ...unrelated];
      const random = seededRandom(21);
      const version = (article: Article, round: number): Article => {
        const body =
          random() < 0.6 ? article.body : (bodies[Math.floor(random() * bodies.length)] as string[]);
        return {
          ...article,
          body,
          provenance: {
            ...article.provenance,
            contentHash: createHashHex(`${article.id} ${round} ${body[0]}`),
          },
        };
      };
      const stored = new Map<string, Article>();
      for (let round = 0; round < 12; round++) {
        const batch: Article[] = [];
        for (const article of articles) {
          const roll = random();
          if (roll < 0.35) batch.push(version(article, round));
          else if (roll < 0.5 && stored.has(article.id)) {
            await store.delete(article.id);
            stored.delete(article.id);
          }
        }
        await store.upsertMany(batch);
        for (const article of batch) stored.set(article.id, article);
        // Now and then the band index's pending entries are written as a run (see `BandRuns`): the
        // later rounds change articles on both sides of its watermark.
        if (round % 4 === 2) await store.compact();
        // The tables agree with one another after every round, not only at the end.
        expectStoryInvariants(await harness.storyState());
      }
      const fresh = await open();
      try {
        await fresh.store.upsertMany([...stored.values()]);
        const clusters = await store.storyClusters();
        expect(clusters.length, 'stories of two or more at the end').toBeGreaterThan(0);
        expect(clusters).toEqual(await fresh.store.storyClusters());
        expect(await store.stories({ minSize: 1, limit: 100 })).toEqual(
          await fresh.store.stories({ minSize: 1, limit: 100 }),
        );
      } finally {
        await fresh.dispose();
      }
    });

    it('compares with what another process wrote, by the body stored now', async () => {
      await store.upsertMany([first, heart]);
      const other = await harness.reopen();
      try {
        // A store that never met the stored articles makes their sketches from their documents.
        await other.upsert(retitled);
        expect(await other.storyClusters()).toEqual([{ story: first.id, articles: ids([first, retitled]) }]);
        // The other process gives the heart article the match's body: this one, which met the heart
        // article's body before, compares the match's copy with the body stored now.
        await other.upsert({
          ...heart,
          body: MATCH,
          provenance: { ...heart.provenance, contentHash: 'f'.repeat(64) },
        });
      } finally {
        await other.close();
      }
      await store.upsert(match);
      expect(await store.storyClusters()).toEqual([
        { story: first.id, articles: ids([first, retitled]) },
        { story: heart.id, articles: ids([heart, match]) },
      ]);
    });

    it('changes nothing when the same articles come again', async () => {
      const articles = [...hospital, ...unrelated];
      await store.upsertMany(articles);
      const before = await allStories(1);
      const { outcomes } = await store.upsertMany([...articles].reverse());
      expect(new Set(outcomes.map((outcome) => outcome.status))).toEqual(new Set(['unchanged']));
      expect(await allStories(1)).toEqual(before);
      // A new version with the same body (a corrected title) keeps the story as it was.
      const corrected = { ...retitled, provenance: { ...retitled.provenance, contentHash: 'e'.repeat(64) } };
      expect((await store.upsert(corrected)).status).toBe('updated');
      expect(await allStories(1)).toEqual(before);
    });

    it('defers the stories of a bulk load until the store is compacted, and then gives those of writes filed at once', async () => {
      const articles = [...hospital, ...unrelated].sort(() => seededRandom(5)() - 0.5);
      for (let start = 0; start < articles.length; start += 2) {
        await store.upsertMany(articles.slice(start, start + 2), { deferStories: true });
      }
      // Until the stories are settled, each deferred article is a story of its own.
      expect(await store.storyClusters()).toEqual([]);
      expect((await store.get(first.id))?.story).toEqual({
        id: first.id,
        size: 1,
        firstPublishedAt: first.publishedAt,
      });
      await store.compact();
      expect(await store.storyClusters()).toEqual([{ story: first.id, articles: ids(hospital) }]);
      const reference = await open();
      try {
        await reference.store.upsertMany(articles);
        expect(await store.storyClusters()).toEqual(await reference.store.storyClusters());
        expect(await store.stories({ minSize: 1, limit: 100 })).toEqual(
          await reference.store.stories({ minSize: 1, limit: 100 }),
        );
      } finally {
        await reference.dispose();
      }
    });

    it('settles what is stored when deferred articles are deleted or rewritten before their stories are', async () => {
      await store.upsertMany(hospital, { deferStories: true });
      expect(await store.delete(edited.id)).toBe(true);
      // Rewritten at once (no deferring): the article is filed with its new body before the rest.
      const reported = {
        ...credited,
        body: MATCH,
        provenance: { ...credited.provenance, contentHash: 'd'.repeat(64) },
      };
      expect((await store.upsert(reported)).status).toBe('updated');
      await store.upsertMany([match], { deferStories: true });
      await store.compact();
      const clusters = await store.storyClusters();
      expect(clusters).toEqual([
        { story: first.id, articles: ids([first, retitled, trimmed]) },
        { story: match.id, articles: ids([reported, match]) },
      ]);
      const reference = await open();
      try {
        await reference.store.upsertMany([first, retitled, trimmed, reported, match]);
        expect(clusters).toEqual(await reference.store.storyClusters());
      } finally {
        await reference.dispose();
      }
    });

    it('settles deferred stories when the store closes, and a store opened meanwhile gives them theirs', async () => {
      await store.upsertMany(hospital, { deferStories: true });
      // Opening gives every article without a story row its story, from the stored documents.
      const other = await harness.reopen();
      try {
        expect(await other.storyClusters()).toEqual([{ story: first.id, articles: ids(hospital) }]);
      } finally {
        await other.close();
      }
      await store.upsertMany(unrelated, { deferStories: true });
      expect((await harness.storyState()).memberships).toHaveLength(hospital.length);
      await store.close();
      const state = await harness.storyState();
      expect(state.memberships).toHaveLength(hospital.length + unrelated.length);
      expectStoryInvariants(state);
    });

    it('lets another writer find the deferred articles once they are settled, whatever it filed meanwhile', async () => {
      // The other writer knows the band index before the deferred articles are filed, and files an
      // article after them meanwhile: settling them must have it read them, not only what comes after.
      const other = await harness.reopen();
      try {
        await store.upsertMany([first, edited], { deferStories: true });
        await other.upsert(heart);
        // Closing settles them, and writes no run (compaction would, which every writer reads).
        await store.close();
        await other.upsert(retitled);
        expect(await other.storyClusters()).toEqual([
          { story: first.id, articles: ids([first, edited, retitled]) },
        ]);
      } finally {
        await other.close();
      }
    });

    it('splits a story when the article that held it together is deleted', async () => {
      // The digest holds both stories whole: each joins it, and they share no sentence.
      const digest = buildArticle({
        title: 'موجز أخبار الأمس',
        publishedAt: '2024-02-29T23:00:00',
        body: [...HOSPITAL, ...MATCH],
        publisher: 'الجزيرة',
      });
      const sports = buildArticle({ ...drafts.first, title: 'مباراة الأمس', body: MATCH });
      await store.upsertMany([first, sports, digest]);
      expect(await store.storyClusters()).toEqual([
        { story: digest.id, articles: ids([first, sports, digest]) },
      ]);
      expect(await store.delete(digest.id)).toBe(true);
      expect(await store.storyClusters()).toEqual([]);
      expect((await store.get(first.id))?.story).toEqual({
        id: first.id,
        size: 1,
        firstPublishedAt: first.publishedAt,
      });
      expect((await store.get(sports.id))?.story.id).toBe(sports.id);
      expect(await store.story(digest.id)).toBeNull();
      expect((await allStories(1)).map((story) => story.id).sort()).toEqual(ids([first, sports]));
    });

    it('gives a story the id of its next earliest article when the earliest is deleted', async () => {
      await store.upsertMany(hospital);
      await store.delete(first.id);
      expect(await store.storyClusters()).toEqual([
        { story: retitled.id, articles: ids([retitled, edited, trimmed, credited]) },
      ]);
      expect(await store.story(first.id)).toBeNull();
      expect((await store.story(retitled.id))?.size).toBe(4);
    });

    it('keeps about one pair per article however many copies of a body come, and holds a story together as its articles go', async () => {
      // One body under 60 titles, a day apart, in three batches and one at a time: each copy matches
      // every other, and the pairs kept are a spanning set of them, not all 1,770.
      const copies = Array.from({ length: 60 }, (_, index) =>
        buildArticle({
          title: `نسخة رقم ${index} من خبر المستشفى`,
          publishedAt: `2024-03-${String(1 + Math.floor(index / 24)).padStart(2, '0')}T${String(index % 24).padStart(2, '0')}:00:00`,
          body: HOSPITAL,
          publisher: `صحيفة ${index}`,
        }),
      );
      await store.upsertMany(copies.slice(0, 20));
      await store.upsertMany(copies.slice(20, 50));
      for (const copy of copies.slice(50)) await store.upsert(copy);
      const pairsKept = async () =>
        (await harness.storyState()).memberships.reduce(
          (sum, row) => sum + (row.partners === null ? 0 : row.partners.length / 8),
          0,
        );
      expect(await store.storyClusters()).toEqual([{ story: copies[0]?.id, articles: ids(copies) }]);
      expect(await pairsKept()).toBe(copies.length - 1);
      // The earliest copies go, one by one and then ten at once: those left stay one story, named by
      // the earliest of them, however the kept pairs ran through the deleted ones.
      const left = [...copies];
      for (const gone of [0, 1, 2, 30, 59]) {
        await store.delete(copies[gone]?.id as string);
        left.splice(left.indexOf(copies[gone] as Article), 1);
        expect(await store.storyClusters()).toEqual([{ story: left[0]?.id, articles: ids(left) }]);
        expectStoryInvariants(await harness.storyState());
      }
      for (const gone of copies.slice(3, 13)) {
        await store.delete(gone.id);
        left.splice(left.indexOf(gone), 1);
      }
      expect(await store.storyClusters()).toEqual([{ story: left[0]?.id, articles: ids(left) }]);
      expect(await pairsKept()).toBeLessThan(left.length);
    });

    it('files a batch of hundreds of articles as one write, every row and story in place', async () => {
      // 130 copies of one body in one batch with 121 unrelated articles: each copy's candidates are
      // the batch's own, and every row and pair is written in that one transaction.
      const copies = Array.from({ length: 130 }, (_, index) =>
        buildArticle({
          title: `نسخة ${index} من خبر المستشفى`,
          publishedAt: `2024-04-${String(1 + (index % 28)).padStart(2, '0')}T08:00:00`,
          body: HOSPITAL,
          publisher: `صحيفة ${index}`,
        }),
      );
      const others = generateArticles(121, 31);
      await store.upsertMany([...others.slice(0, 60), ...copies, ...others.slice(60)]);
      const clusters = await store.storyClusters();
      expect(clusters).toHaveLength(1);
      expect(clusters[0]?.articles).toEqual(ids(copies));
      const state = await harness.storyState();
      expect(state.memberships).toHaveLength(copies.length + others.length);
      expectStoryInvariants(state);
    });

    it('moves an article whose body changed to the story its new body tells', async () => {
      await store.upsertMany([...hospital, heart]);
      const rewritten = buildArticle({ ...drafts.edited, body: OTHER_HOSPITAL });
      expect(rewritten.id).toBe(edited.id);
      expect((await store.upsert(rewritten)).status).toBe('updated');
      // It tells the heart story now, after the heart article: that one's id names the story still.
      expect(await store.storyClusters()).toEqual(
        [
          { story: first.id, articles: ids([first, retitled, trimmed, credited]) },
          { story: heart.id, articles: ids([heart, rewritten]) },
        ].sort((a, b) => (a.story < b.story ? -1 : 1)),
      );
      // The story's earliest article told another story: the next earliest names it.
      const moved = buildArticle({ ...drafts.first, body: MATCH });
      await store.upsert(moved);
      expect((await store.get(first.id))?.story).toEqual({
        id: first.id,
        size: 1,
        firstPublishedAt: first.publishedAt,
      });
      expect((await store.get(trimmed.id))?.story).toEqual({
        id: retitled.id,
        size: 3,
        firstPublishedAt: retitled.publishedAt,
      });
    });

    it('splits the story of an appended copy that a document of its title and id replaces', async () => {
      // The host carries the first article appended (undated); stored, the copy joins an undated copy
      // with a larger id, so that the story is named after it.
      const title = drafts.first.title;
      const host = buildArticle({
        title: 'نشرة الصباح',
        publishedAt: '2024-03-01T06:00:00',
        body: ['موجز.'],
        related: [{ title, publishedAt: null, body: HOSPITAL }],
      });
      const copy = host.related[0]?.id as string;
      const partner = ['أ', 'ب', 'ت', 'ث', 'ج', 'ح']
        .map((letter) => buildArticle({ title: `مستشفى تبوك ${letter}`, publishedAt: null, body: HOSPITAL }))
        .find((article) => article.id > copy) as Article;
      await store.upsertMany([host, partner]);
      expect(await store.storyClusters()).toEqual([{ story: copy, articles: [copy, partner.id] }]);
      // Two documents of that title in one batch, one undated (the copy's id), both telling other
      // stories: the copy gives way to both, and the first is stored again in its place, alone.
      const document = buildArticle({ title, publishedAt: null, body: OTHER_HOSPITAL, publisher: 'الرياض' });
      const other = buildArticle({ title, publishedAt: '2024-03-04T08:00:00', body: MATCH });
      expect(document.id).toBe(copy);
      await store.upsertMany([document, other]);
      expect(await store.storyClusters()).toEqual([]);
      expect((await store.get(copy))?.story).toEqual({ id: copy, size: 1, firstPublishedAt: null });
      expect((await store.get(partner.id))?.story).toEqual({
        id: partner.id,
        size: 1,
        firstPublishedAt: null,
      });
      expect((await allStories(1)).map((story) => story.id).sort()).toEqual(
        [host.id, copy, partner.id, other.id].sort(),
      );
    });

    it('stores empty, one-word and 5 MB bodies as stories of their own, in bounded work', async () => {
      const empty = [1, 2].map((day) =>
        buildArticle({ title: `صورة اليوم ${day}`, publishedAt: `2024-03-0${day}T08:00:00`, body: [] }),
      );
      const word = [1, 2].map((day) =>
        buildArticle({ title: `عاجل ${day}`, publishedAt: `2024-03-0${day}T08:00:00`, body: ['عاجل'] }),
      );
      const body = noiseBody(5 * 2 ** 20, 3);
      const huge = [1, 2].map((day) =>
        buildArticle({ title: `نص طويل ${day}`, publishedAt: `2024-03-0${day}T08:00:00`, body }),
      );
      // Story detection reads a bounded prefix of a body, whatever its length.
      expect(storyFingerprint(body).work.characters).toBeLessThanOrEqual(MAX_BODY_CHARACTERS);
      const other = buildArticle({
        title: 'نص آخر طويل',
        publishedAt: '2024-03-03T08:00:00',
        body: noiseBody(5 * 2 ** 20, 4),
      });
      const { outcomes } = await store.upsertMany([...empty, ...word, huge[0] as Article, other, first]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(7).fill('added'));
      // Empty and one-word bodies never join one another; two unrelated long bodies neither.
      expect(await store.storyClusters()).toEqual([]);
      for (const article of [...empty, ...word, huge[0] as Article]) {
        expect((await store.get(article.id))?.story).toMatchObject({ id: article.id, size: 1 });
      }
      expect((await store.get(other.id))?.body.length).toBe(other.body.length);
      // The same 5 MB body under another title is the same story.
      await store.upsert(huge[1] as Article);
      expect(await store.storyClusters()).toEqual([{ story: (huge[0] as Article).id, articles: ids(huge) }]);
    }, 120_000);

    describe('listing and reading', () => {
      // Three stories of two, three and five articles, and two articles alone.
      const sports = [
        match,
        buildArticle({
          title: 'فوز الهلال في الديربي',
          publishedAt: '2024-03-02T07:00:00',
          body: MATCH.slice(0, 5),
          agency: 'واس',
          publisher: 'الرياض',
          tags: ['الهلال'],
        }),
        buildArticle({ title: 'الهلال يتصدر', publishedAt: null, body: MATCH, publisher: null }),
      ];
      const hearts = [
        heart,
        buildArticle({
          title: 'افتتاح مركز القلب',
          publishedAt: '2024-03-03T09:00:00',
          body: OTHER_HOSPITAL,
          publisher: 'اليوم',
        }),
      ];
      const alone = [
        buildArticle({
          title: 'خبر قصير',
          publishedAt: '2024-03-05T09:00:00',
          body: ['نص قصير.'],
          tags: ['الصحة'],
          publisher: 'اليوم',
        }),
        buildArticle({ title: 'خبر بلا تاريخ', publishedAt: null, body: ['نص بلا تاريخ.'] }),
      ];

      beforeEach(async () => {
        await store.upsertMany([...hospital, ...sports, ...hearts, ...alone]);
      });

      it('lists the stories of two or more, the latest article first, a page at a time', async () => {
        const listed = await store.stories();
        expect(listed.items.map((story) => [story.id, story.size])).toEqual([
          [heart.id, 2],
          [first.id, 5],
          [match.id, 3],
        ]);
        expect(listed.nextCursor).toBeNull();
        const [hearts0, hospital0, sports0] = listed.items;
        expect(hospital0).toEqual({
          id: first.id,
          size: 5,
          firstPublishedAt: first.publishedAt,
          lastPublishedAt: credited.publishedAt,
          earliest: {
            id: first.id,
            slug: first.slug,
            title: first.title,
            publishedAt: first.publishedAt,
            source: first.source,
          },
          // Each credit once, in order of first publication.
          outlets: [
            { agency: null, publisher: 'الرياض' },
            { agency: null, publisher: 'عكاظ' },
            { agency: null, publisher: 'المدينة' },
            { agency: 'واس', publisher: 'المدينة' },
            { agency: 'واس', publisher: null },
          ],
        });
        expect(hearts0?.lastPublishedAt).toBe('2024-03-03T09:00:00');
        // An undated article is last in its story and leaves the dates to the dated ones.
        expect(sports0).toMatchObject({
          firstPublishedAt: match.publishedAt,
          lastPublishedAt: '2024-03-02T07:00:00',
          outlets: [
            { agency: null, publisher: 'الرياضية' },
            { agency: 'واس', publisher: 'الرياض' },
          ],
        });
        for (const limit of [1, 2]) {
          expect(
            (await allStories(2, limit)).map((story) => story.id),
            `pages of ${limit}`,
          ).toEqual(listed.items.map((story) => story.id));
        }
        const everything = await allStories(1, 2);
        expect(everything.map((story) => story.id)).toEqual([
          (alone[0] as Article).id,
          heart.id,
          first.id,
          match.id,
          (alone[1] as Article).id,
        ]);
        expect((await store.stories({ minSize: 4 })).items.map((story) => story.id)).toEqual([first.id]);
        expect((await store.stories({ minSize: 6 })).items).toEqual([]);
      });

      it('filters stories by the tags and credits of any of their articles', async () => {
        const listed = async (query: Parameters<ArticleStore['stories']>[0]) =>
          (await store.stories(query)).items.map((story) => story.id);
        expect(await listed({ tag: 'الصحة' })).toEqual([heart.id, first.id]);
        expect(await listed({ tag: 'الهلال' })).toEqual([match.id]);
        expect(await listed({ agency: 'واس' })).toEqual([first.id, match.id]);
        expect(await listed({ publisher: 'اليوم' })).toEqual([heart.id]);
        // Each filter is met by any article: in the hospital story, one credits الرياض and another واس.
        expect(await listed({ publisher: 'الرياض', agency: 'واس' })).toEqual([first.id, match.id]);
        expect(await listed({ publisher: 'الرياضية', agency: 'واس' })).toEqual([match.id]);
        expect(await listed({ tag: 'لا وسم' })).toEqual([]);
        const page = await store.stories({ agency: 'واس', limit: 1 });
        expect(await listed({ agency: 'واس', cursor: page.nextCursor as string })).toEqual([match.id]);
        // Stories of one (no row of their own) pass the filters by their article, a page at a time.
        const short = (alone[0] as Article).id;
        expect(await listed({ tag: 'الصحة', minSize: 1 })).toEqual([short, heart.id, first.id]);
        expect(await listed({ publisher: 'اليوم', minSize: 1 })).toEqual([short, heart.id]);
        expect(await listed({ agency: 'واس', minSize: 1 })).toEqual([first.id, match.id]);
        const ones = await store.stories({ tag: 'الصحة', minSize: 1, limit: 1 });
        expect(ones.items.map((story) => [story.id, story.size])).toEqual([[short, 1]]);
        expect(await listed({ tag: 'الصحة', minSize: 1, cursor: ones.nextCursor as string })).toEqual([
          heart.id,
          first.id,
        ]);
      });

      it('reads a story with its articles earliest first, and null for an unknown id', async () => {
        const story = await store.story(match.id);
        expect(story?.articles.map((article) => article.id)).toEqual(sports.map((article) => article.id));
        expect(story?.articles[2]).toEqual({
          id: (sports[2] as Article).id,
          slug: (sports[2] as Article).slug,
          title: 'الهلال يتصدر',
          publishedAt: null,
          source: { agency: null, publisher: null },
        });
        expect(story?.earliest).toEqual(story?.articles[0]);
        const { articles: _articles, ...summary } = story as NonNullable<typeof story>;
        expect((await store.stories()).items.find((item) => item.id === match.id)).toEqual(summary);
        expect(await store.story(retitled.id)).toBeNull();
        expect(await store.story('0000000000000000')).toBeNull();
        expect(await store.story('not an id')).toBeNull();
        expect((await store.story((alone[0] as Article).id))?.size).toBe(1);
      });

      it('refuses a bad cursor, limit or smallest size as a listing does', async () => {
        const listCursor = (await store.list({ limit: 1 })).nextCursor as string;
        for (const cursor of ['not-a-cursor', listCursor, 'eyJ4IjoxfQ']) {
          const error = await store.stories({ cursor }).catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(StoreError);
          expect((error as StoreError).code).toBe('invalid_cursor');
        }
        for (const query of [
          { limit: 0 },
          { limit: 101 },
          { minSize: 0 },
          { minSize: 1.5 },
          { minSize: -2 },
        ]) {
          await expect(store.stories(query)).rejects.toMatchObject({ code: 'invalid_query' });
        }
      });
    });
  });
}
