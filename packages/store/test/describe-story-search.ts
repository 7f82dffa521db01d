import { ALSO_IN_LIMIT, type Article, type SearchHit } from '@khabar/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore, SearchQuery } from '../src/index.ts';
import { buildArticle } from './build-article.ts';
import type { StoreHarness } from './store-harness.ts';

// One story as a wire agency filed it: long sentences, each told once, so that another outlet's copy
// with a new title, a dropped paragraph and other credits is plainly the same text.
const DESALINATION = [
  'أعلنت هيئة تحلية المياه المالحة اليوم تشغيل محطة جديدة في مدينة الجبيل الصناعية بطاقة إنتاجية تبلغ ستمائة ألف متر مكعب يوميا.',
  'وأوضح محافظ الهيئة في مؤتمر صحفي أن المحطة تعتمد تقنية التناضح العكسي وتستهلك طاقة أقل بنحو الثلث مما تستهلكه المحطات الحرارية القديمة.',
  'وبلغت تكلفة إنشاء المحطة قرابة ثلاثة مليارات ريال بتمويل مشترك بين الحكومة وتحالف من الشركات المحلية والأجنبية.',
  'وستزود المحطة مدن الرياض والدمام والخبر بالمياه عبر خط أنابيب يمتد أكثر من أربعمائة كيلومتر عبر الصحراء.',
  'وأشار المحافظ إلى أن التشغيل التجريبي استمر ستة أشهر دون أعطال تذكر وأن المختبرات تفحص جودة المياه كل ساعة.',
  'ومن المتوقع أن تخفض المحطة انبعاثات الكربون بما يعادل إزالة مائة ألف سيارة من الطرق كل عام.',
  'وتعمل في المحطة كوادر وطنية تلقت تدريبها في معاهد متخصصة داخل المملكة وخارجها خلال السنوات الثلاث الماضية.',
  'وتخطط الهيئة لطرح مشروعي تحلية مماثلين على ساحل البحر الأحمر قبل نهاية العقد الحالي لتلبية الطلب المتزايد.',
];

// Other articles that hold the same word and share no sentence with the story, or with one another.
const UNRELATED = [
  {
    title: 'دراسة جامعية عن كلفة تحلية مياه البحر',
    body: [
      'نشرت جامعة الملك عبدالله للعلوم والتقنية دراسة تقارن كلفة تحلية مياه البحر بين دول الخليج خلال عقدين.',
      'وخلص الباحثون إلى أن أسعار الكهرباء تحدد أكثر من نصف الكلفة النهائية للمتر المكعب الواحد.',
    ],
  },
  {
    title: 'مزارعون يطالبون بحصة من المياه المحلاة',
    body: [
      'طالب مزارعو واحة الأحساء بتخصيص حصة من مياه تحلية الساحل الشرقي لري نخيلهم بعد تراجع منسوب الآبار.',
      'وقال رئيس الجمعية الزراعية إن الموسم الماضي شهد جفاف عشرات العيون التي اعتمدت عليها الواحة قرونا.',
    ],
  },
];

const story = {
  first: buildArticle({
    title: 'تشغيل محطة تحلية جديدة في الجبيل',
    publishedAt: '2024-03-01T09:00:00Z',
    body: DESALINATION,
    agency: 'واس',
    publisher: 'الرياض',
  }),
  // A new title, the fourth paragraph dropped, two words changed, its own credits, a day later.
  second: buildArticle({
    title: 'الجبيل تدشن أكبر محطة للتحلية بالتناضح العكسي',
    publishedAt: '2024-03-02T11:30:00Z',
    body: [
      ...DESALINATION.slice(0, 3),
      ...DESALINATION.slice(4).map((paragraph) =>
        paragraph.replace('وأشار', 'ولفت').replace('وتعمل', 'ويعمل'),
      ),
    ],
    agency: null,
    publisher: 'عكاظ',
  }),
  // The first paragraph dropped and the last two swapped, a day after that.
  third: buildArticle({
    title: 'محطة تحلية الجبيل تبدأ ضخ المياه إلى الرياض',
    publishedAt: '2024-03-03T07:15:00Z',
    body: [...DESALINATION.slice(1, 6), DESALINATION[7] as string, DESALINATION[6] as string],
    agency: 'فرانس برس',
    publisher: 'الخليج الجديد',
  }),
};
const unrelated = UNRELATED.map((draft, index) =>
  buildArticle({ ...draft, publishedAt: `2024-02-${10 + index}T08:00:00Z`, publisher: 'الوطن' }),
);
const storyArticles = [story.first, story.second, story.third];
// Query syntax of both stores' engines and SQL, read as words: some match the story's words.
const HOSTILE_QUERIES = [
  '"تحلية',
  'تحلية*',
  'NEAR(تحلية الجبيل, 2)',
  'تحلية OR الجبيل',
  '-تحلية',
  '{search_title}: تحلية',
  "تحلية الجبيل'; DROP stories; --",
  "' OR 1=1 --",
  '\\',
  '\u0000',
  'تحلية '.repeat(500),
];
const storyIds = storyArticles.map((article) => article.id);

/**
 * Runs the tests of stories in search against a store: one hit per story by default, the story and
 * its other outlets on every hit, and paging that never shows a story twice. `open` gives a fresh,
 * empty store each time.
 */
export function describeStorySearch(
  name: string,
  open: () => Promise<Pick<StoreHarness, 'store' | 'dispose'>>,
): void {
  describe(name, () => {
    let harness: Pick<StoreHarness, 'store' | 'dispose'>;
    let store: ArticleStore;

    beforeEach(async () => {
      harness = await open();
      store = harness.store;
    });

    afterEach(async () => {
      await harness.dispose();
    });

    const walk = async (query: SearchQuery): Promise<SearchHit[]> => {
      const hits: SearchHit[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await store.search({ ...query, cursor });
        hits.push(...page.items);
        if (page.nextCursor === null) return hits;
        cursor = page.nextCursor;
      }
      throw new Error('the cursor never ended');
    };
    const ids = (hits: readonly { id: string }[]) => hits.map((hit) => hit.id);
    const articleIds = (hits: readonly SearchHit[]) => hits.map((hit) => hit.article.id);
    // The other two articles of the story, earliest first, as a hit for `article` should name them.
    const othersOf = (article: Article) => storyIds.filter((id) => id !== article.id);

    const storeAll = async () => {
      await store.upsertMany([story.third, ...unrelated, story.first, story.second]);
      // The write path decides what a story is: the three versions must be one, or nothing below means anything.
      const stored = await store.get(story.second.id);
      expect(stored?.story).toEqual({
        id: story.first.id,
        size: 3,
        firstPublishedAt: '2024-03-01T09:00:00Z',
      });
    };

    it('shows a story once, naming its other outlets earliest first, and every article of it without collapse', async () => {
      await storeAll();
      const { items } = await store.search({ q: 'تحلية' });
      const storyHits = items.filter((hit) => storyIds.includes(hit.article.id));
      expect(storyHits).toHaveLength(1);
      const [hit] = storyHits as [SearchHit];
      expect(hit.story).toEqual({ id: story.first.id, size: 3, firstPublishedAt: '2024-03-01T09:00:00Z' });
      expect(ids(hit.alsoIn)).toEqual(
        othersOf(storyArticles.find((a) => a.id === hit.article.id) as Article),
      );
      const named = hit.alsoIn.find((member) => member.id === story.third.id);
      expect(named).toEqual({
        id: story.third.id,
        slug: story.third.slug,
        title: story.third.title,
        publishedAt: story.third.publishedAt,
        source: { agency: 'فرانس برس', publisher: 'الخليج الجديد' },
      });
      expect(new Set(articleIds(items))).toEqual(new Set([hit.article.id, ...ids(unrelated)]));

      const every = (await store.search({ q: 'تحلية', collapse: 'none' })).items;
      expect(new Set(articleIds(every))).toEqual(new Set([...storyIds, ...ids(unrelated)]));
      for (const article of storyArticles) {
        const own = every.find((candidate) => candidate.article.id === article.id) as SearchHit;
        expect(own.story).toEqual(hit.story);
        expect(ids(own.alsoIn)).toEqual(othersOf(article));
      }
      // The story's hit is its best-ranked article: the one ranked first of the three without collapse.
      expect(hit.article.id).toBe(
        every.find((candidate) => storyIds.includes(candidate.article.id))?.article.id,
      );
      expect(hit.score).toBe(every.find((candidate) => candidate.article.id === hit.article.id)?.score);
    });

    it('gives an article no other outlet ran a story of its own and names no other outlet', async () => {
      await storeAll();
      for (const collapse of ['story', 'none'] as const) {
        const { items } = await store.search({ q: 'تحلية', collapse });
        for (const article of unrelated) {
          const hit = items.find((candidate) => candidate.article.id === article.id) as SearchHit;
          expect(hit.story).toEqual({ id: article.id, size: 1, firstPublishedAt: article.publishedAt });
          expect(hit.alsoIn).toEqual([]);
        }
      }
    });

    it('names the outlets of a story as they are now, after articles join and leave it', async () => {
      await store.upsertMany([...unrelated, story.first, story.second]);
      const named = async () => {
        const hit = (await store.search({ q: 'تدشن' })).items[0];
        return { size: hit?.story.size, alsoIn: ids(hit?.alsoIn ?? []) };
      };
      expect(await named()).toEqual({ size: 2, alsoIn: [story.first.id] });
      await store.upsert(story.third);
      expect(await named()).toEqual({ size: 3, alsoIn: [story.first.id, story.third.id] });
      await store.delete(story.first.id);
      expect(await named()).toEqual({ size: 2, alsoIn: [story.third.id] });
      await store.delete(story.third.id);
      expect(await named()).toEqual({ size: 1, alsoIn: [] });
    });

    it('names the story’s other articles when only one of them matches', async () => {
      await storeAll();
      // Only the second version's title holds this word.
      const { items } = await store.search({ q: 'تدشن' });
      expect(articleIds(items)).toEqual([story.second.id]);
      expect(items[0]?.story.size).toBe(3);
      expect(ids(items[0]?.alsoIn ?? [])).toEqual([story.first.id, story.third.id]);
    });

    it('pages over collapsed hits one at a time, each story once, to the end', async () => {
      await storeAll();
      const whole = (await store.search({ q: 'تحلية', limit: 100 })).items;
      const walked = await walk({ q: 'تحلية', limit: 1 });
      expect(articleIds(walked)).toEqual(articleIds(whole));
      const stories = walked.map((hit) => hit.story.id);
      expect(new Set(stories).size).toBe(stories.length);
      expect(stories).toHaveLength(1 + unrelated.length);
      const uncollapsed = await walk({ q: 'تحلية', limit: 1, collapse: 'none' });
      expect(new Set(articleIds(uncollapsed))).toEqual(new Set([...storyIds, ...ids(unrelated)]));
    });

    it('fills a page with the stories that match fewer words when one story holds every full match', async () => {
      await storeAll();
      // Every full match (الجبيل and تحلية) is a version of the story; the others hold تحلية only.
      const q = 'تحلية الجبيل';
      const whole = (await store.search({ q, limit: 100 })).items;
      expect(whole.map((hit) => hit.story.id)).toEqual([
        story.first.id,
        ...whole.slice(1).map((hit) => hit.article.id),
      ]);
      expect(whole.slice(1).every((hit) => hit.score < 0)).toBe(true);
      expect(new Set(articleIds(whole.slice(1)))).toEqual(new Set(ids(unrelated)));
      // Counting articles, the story's three full matches would fill a page of two, and a page of two
      // would show the story alone.
      const page = await store.search({ q, limit: 2 });
      expect(articleIds(page.items)).toEqual(articleIds(whole.slice(0, 2)));
      expect(page.nextCursor).not.toBeNull();
      for (const limit of [1, 2, 3]) {
        expect(articleIds(await walk({ q, limit })), `pages of ${limit}`).toEqual(articleIds(whole));
      }
    });

    it(`names at most ${ALSO_IN_LIMIT} other outlets, the earliest, and counts them all`, async () => {
      const copies = Array.from({ length: ALSO_IN_LIMIT + 3 }, (_, index) =>
        buildArticle({
          title: `محطة الجبيل في صحيفة رقم ${index + 1}`,
          publishedAt: `2024-04-${String(index + 1).padStart(2, '0')}T06:00:00Z`,
          body: DESALINATION,
          publisher: `صحيفة ${index + 1}`,
        }),
      );
      await store.upsertMany([...copies].reverse());
      const { items } = await store.search({ q: 'تحلية', collapse: 'none', limit: 100 });
      expect(items).toHaveLength(copies.length);
      for (const hit of items) {
        expect(hit.story).toEqual({
          id: copies[0]?.id,
          size: copies.length,
          firstPublishedAt: '2024-04-01T06:00:00Z',
        });
        const earliest = ids(copies).filter((id) => id !== hit.article.id);
        expect(ids(hit.alsoIn)).toEqual(earliest.slice(0, ALSO_IN_LIMIT));
      }
      const collapsed = (await store.search({ q: 'تحلية' })).items;
      expect(collapsed).toHaveLength(1);
    });

    it('reads hostile input as plain words, collapsed or not', async () => {
      await storeAll();
      for (const q of HOSTILE_QUERIES) {
        for (const collapse of ['story', 'none'] as const) {
          const { items } = await store.search({ q, collapse });
          for (const hit of items) {
            expect(hit.story.size).toBe(hit.alsoIn.length + 1);
            expect(hit.alsoIn.map((member) => member.id)).not.toContain(hit.article.id);
          }
        }
      }
      // Read as words, these two hold the story's words: it comes once, naming the other two.
      for (const q of ['NEAR(تحلية الجبيل, 2)', "تحلية الجبيل'; DROP stories; --"]) {
        const hits = (await store.search({ q })).items.filter((hit) => hit.story.id === story.first.id);
        expect(hits.map((hit) => hit.alsoIn.length)).toEqual([2]);
      }
      expect((await store.stats()).articles).toBe(storyArticles.length + unrelated.length);
      expect((await store.get(story.third.id))?.story.size).toBe(3);
    });

    it('refuses a collapse it does not know', async () => {
      await expect(
        store.search({ q: 'تحلية', collapse: 'outlet' as unknown as 'story' }),
      ).rejects.toMatchObject({ code: 'invalid_query' });
    });
  });
}
