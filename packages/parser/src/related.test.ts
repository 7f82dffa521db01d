import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { RelatedArticle } from '@khabar/schema';
import { describe, expect, it } from 'vitest';
import { Draft } from './draft.ts';
import { articleId, slugify } from './identity.ts';
import { classifyLines } from './line-kind.ts';
import { splitLines } from './lines.ts';
import { RelatedReader, relatedArticle } from './related.ts';
import { countWords } from './text-shape.ts';

const seed = readFileSync(new URL('../../../seeds/000_eaf3ae8403d3c001.txt', import.meta.url), 'utf8');

describe('relatedArticle', () => {
  it('makes the id, slug, word count and content hash of an appended article', () => {
    const body = ['فقرته الأولى - بلا نهاية', 'فقرته الثانية.'];
    const related = relatedArticle('عنوان آخر', '2023-09-18T10:00:00', body);
    const id = articleId('عنوان آخر', '2023-09-18T10:00:00');
    expect(related).toEqual({
      id,
      slug: slugify('عنوان آخر', id),
      title: 'عنوان آخر',
      publishedAt: '2023-09-18T10:00:00',
      body,
      // The dash standing alone is no word, as in an article's own count.
      wordCount: 6,
      contentHash: createHash('sha256')
        .update('عنوان آخر\nفقرته الأولى - بلا نهاية\nفقرته الثانية.')
        .digest('hex'),
    });
    expect(RelatedArticle.safeParse(related).success).toBe(true);
  });

  it('counts no words and still hashes the title of an article without paragraphs', () => {
    const related = relatedArticle('عنوان وحده', null, []);
    expect(related.wordCount).toBe(0);
    expect(related.contentHash).toBe(createHash('sha256').update('عنوان وحده').digest('hex'));
  });
});

/** The appended articles a reader makes of `text`, a block that follows a page's footer. */
function readBlock(text: string): Draft {
  const { lines } = splitLines(text);
  const kinds = classifyLines(lines, 0);
  const draft = new Draft();
  const reader = new RelatedReader(draft, {});
  for (let index = 0; index < lines.length; index++) index = reader.read(lines, kinds, index);
  reader.finish();
  return draft;
}

describe('RelatedReader', () => {
  it('completes each article once its lines are read, with the date under its title in its id', () => {
    const draft = readBlock(
      'إقرأ أيضاً:\nعنوان آخر\n18 سبتمبر 2023\nفقرته الأولى.\nفقرته الثانية.\nعنوان ثالث\nنص ثالث.',
    );
    const [second, third] = draft.related.map((item) => item.article);
    expect(draft.related).toHaveLength(2);
    expect(second).toMatchObject({
      title: 'عنوان آخر',
      publishedAt: '2023-09-18T00:00:00',
      body: ['فقرته الأولى.', 'فقرته الثانية.'],
      wordCount: 4,
    });
    expect(second?.id).toBe(articleId('عنوان آخر', '2023-09-18T00:00:00'));
    expect(second?.id).not.toBe(articleId('عنوان آخر', null));
    expect(third).toEqual(relatedArticle('عنوان ثالث', null, ['نص ثالث.']));
    expect(draft.related[0]?.span.start).toBe(0);
  });
});

describe('appended articles read by the parser', () => {
  it('are whole articles of the schema in the seed, each with its own id', async () => {
    const { parseArticle } = await import('./parse-article.ts');
    const result = parseArticle(seed);
    const related = result.ok ? result.article.related : [];
    expect(related.length).toBeGreaterThan(0);
    for (const item of related) {
      expect(RelatedArticle.safeParse(item).success, item.title).toBe(true);
      expect(item).toEqual(relatedArticle(item.title, item.publishedAt, item.body));
      expect(item.wordCount).toBe(item.body.reduce((sum, paragraph) => sum + countWords(paragraph), 0));
    }
    expect(new Set(related.map((item) => item.id)).size).toBe(related.length);
  });
});
