import type { Article } from '@khabar/schema';
import { describe, expect, it } from 'vitest';
import { buildArticle } from '../test/build-article.ts';
import {
  type BatchLookups,
  batchLookups,
  type PreparedRows,
  planBatch,
  prepareRows,
  type StoredState,
} from './batch-plan.ts';
import { titleKey } from './title-key.ts';

const paragraph = (words: string) => [
  `${words} في المدينة اليوم.`,
  `${words} وقال المسؤولون إن العمل مستمر.`,
];

const shared = { title: 'افتتاح المعرض الدولي للكتاب', publishedAt: null, body: paragraph('افتتح المعرض') };
const laterTitle = 'الجامعة تستقبل الطلاب الجدد';
const storedTitle = 'المطار يستقبل رحلات جديدة';
const storedAppended = { title: 'الميناء يوسع أرصفته', publishedAt: null, body: paragraph('وسع الميناء') };
const crowded = { title: 'البلدية تطلق مشروع الحدائق', publishedAt: null, body: paragraph('أطلقت البلدية') };

// Documents with appended articles of every kind `planBatch` decides on: new ones, one without a body,
// one two documents share (under different publishers), one a later document of the batch supersedes,
// one whose title is stored, one whose id is stored, and one whose slug another article holds.
const articles: Article[] = [
  buildArticle({
    title: 'الحكومة تعلن خطة النقل',
    publishedAt: '2024-03-01T09:00:00',
    body: paragraph('أعلنت الحكومة'),
    publisher: 'صحيفة الغد',
    related: [
      shared,
      { title: 'خبر بلا نص', publishedAt: null, body: [] },
      { title: laterTitle, publishedAt: null, body: paragraph('استقبلت الجامعة') },
      { title: storedTitle, publishedAt: null, body: paragraph('استقبل المطار') },
      storedAppended,
    ],
  }),
  buildArticle({
    title: 'الوزارة تناقش الميزانية',
    publishedAt: '2024-03-02T10:00:00',
    body: paragraph('ناقشت الوزارة'),
    publisher: 'الثقافية',
    related: [
      shared,
      crowded,
      { title: 'الفريق يفوز بالكأس', publishedAt: null, body: paragraph('فاز الفريق') },
    ],
  }),
  buildArticle({ title: laterTitle, publishedAt: '2024-03-03T08:00:00', body: paragraph('الجامعة') }),
  ...Array.from({ length: 3 }, (_, index) =>
    buildArticle({
      title: `السوق يسجل ارتفاعا ${index + 1}`,
      publishedAt: `2024-03-0${index + 4}T08:00:00`,
      body: paragraph(`سجل السوق ${index + 1}`),
      related: [
        { title: `المتحف يعرض مقتنيات ${index + 1}`, publishedAt: null, body: paragraph('عرض المتحف') },
      ],
    }),
  ),
];

const [first, second] = articles as [Article, Article];
const stored = (article: {
  id: string;
  slug: string;
  contentHash: string;
}): StoredState & { id: string } => ({
  id: article.id,
  slug: article.slug,
  content_hash: article.contentHash,
  parser_version: '0.1.0',
  origin: 'appended',
});
const relatedOf = (article: Article, title: string) => {
  const related = article.related.find((item) => item.title === title);
  if (!related) throw new Error(`no appended article ${title}`);
  return related;
};
const crowdedRelated = relatedOf(second, crowded.title);

// What the store answers: the appended article with the stored id, a stored title, and another
// article holding the slug of one appended article.
const lookups: BatchLookups = batchLookups(
  [stored(relatedOf(first, storedAppended.title))],
  [{ slug: crowdedRelated.slug, id: 'another-article' }],
  [{ title_key: titleKey(storedTitle) }],
  [],
);

// Rows marked where they were made ahead, so the plan shows which it took.
function marked(prepared: PreparedRows): PreparedRows {
  return prepared.map(
    (ready) =>
      ready && {
        row: { ...ready.row, excerpt: 'made ahead' },
        appended: ready.appended.map((row) => row && { ...row, excerpt: 'made ahead' }),
      },
  );
}

describe('planBatch', () => {
  const inline = planBatch(articles, lookups, [], false);

  it('makes rows of the appended articles it decides on', () => {
    const appended = inline.rows.filter((row) => row.origin === 'appended');
    expect(appended.map((row) => row.title).sort()).toEqual(
      [
        shared.title,
        crowded.title,
        'الفريق يفوز بالكأس',
        ...[1, 2, 3].map((index) => `المتحف يعرض مقتنيات ${index}`),
      ].sort(),
    );
    // The one two documents share is stored from the first, the one whose slug is held under the other.
    expect(appended.find((row) => row.title === shared.title)?.publisher).toBe('صحيفة الغد');
    expect(appended.find((row) => row.title === crowded.title)?.slug).toBe(
      `البلدية-تطلق-مشروع-الحدائق-${crowdedRelated.id}`,
    );
    expect(inline.superseded).toContainEqual({ titleKey: titleKey(laterTitle), keep: articles[2]?.id });
  });

  it('refuses an article whose slug and fallback slug other articles both hold, with slug_taken', () => {
    const article = buildArticle({
      title: 'خبر عن الموانئ',
      publishedAt: null,
      body: paragraph('وسعت الموانئ'),
    });
    const fallback = `خبر-عن-الموانئ-${article.id}`;
    const taken = batchLookups(
      [],
      [
        { slug: article.slug, id: 'another-article' },
        { slug: fallback, id: 'a-third-article' },
      ],
      [],
      [],
    );
    expect(() => planBatch([article], taken, [], false)).toThrow(
      expect.objectContaining({
        name: 'StoreError',
        code: 'slug_taken',
        message: expect.stringContaining(fallback),
      }),
    );
  });

  it('plans the same rows whether or not they were made ahead, whatever the hint said', () => {
    const unaware = batchLookups([], [], [], []);
    // A stale hint that takes the first document for stored as it is: its appended articles are
    // prepared with the second, whose publisher differs, and must not be taken for the first's.
    const stale = batchLookups(
      [{ ...stored({ ...first, contentHash: first.provenance.contentHash }), origin: 'document' }],
      [],
      [],
      [],
    );
    for (const hint of [lookups, unaware, stale]) {
      expect(planBatch(articles, lookups, prepareRows(articles, hint, false), false)).toEqual(inline);
    }
    expect(planBatch(articles, lookups, prepareRows(articles, lookups), true)).toEqual(
      planBatch(articles, lookups, [], true),
    );
  });

  it('takes the appended rows made ahead, under the slug it claims', () => {
    const plan = planBatch(articles, lookups, marked(prepareRows(articles, lookups, false)), false);
    // With a hint that is the store's answer, every row it writes was made ahead.
    expect(plan.rows.filter((row) => row.excerpt !== 'made ahead')).toEqual([]);
    const unmarked = (row: (typeof plan.rows)[number]) => {
      const made = inline.rows.find((other) => other.id === row.id);
      return { ...row, excerpt: made?.excerpt };
    };
    expect(plan.rows.map(unmarked)).toEqual(inline.rows);
    expect(plan.outcomes).toEqual(inline.outcomes);
  });

  it('makes a row itself where the one made ahead came from another document', () => {
    const stale = batchLookups(
      [{ ...stored({ ...first, contentHash: first.provenance.contentHash }), origin: 'document' }],
      [],
      [],
      [],
    );
    const plan = planBatch(articles, lookups, marked(prepareRows(articles, stale, false)), false);
    const sharedRow = plan.rows.find((row) => row.title === shared.title);
    expect(sharedRow?.excerpt).not.toBe('made ahead');
    expect(sharedRow?.publisher).toBe('صحيفة الغد');
    expect(plan.rows.find((row) => row.id === second.id)?.excerpt).toBe('made ahead');
  });
});
