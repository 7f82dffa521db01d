import { createHash } from 'node:crypto';
import { articleId, slugify } from '@khabar/parser';
import { Article } from '@khabar/schema';

/** The parts of an article a test cares about; the rest is filled in as the parser would. */
export interface ArticleDraft {
  title: string;
  publishedAt?: string | null;
  body: string[];
  tags?: string[];
  agency?: string | null;
  publisher?: string | null;
  readAlso?: { title: string; afterParagraph: number }[];
  related?: { title: string; publishedAt: string | null; body: string[] }[];
  parserVersion?: string;
}

/** A schema-valid article from a draft: id and slug as the parser makes them, the hash of its content. */
export function buildArticle(draft: ArticleDraft): Article {
  const publishedAt = draft.publishedAt ?? null;
  const id = articleId(draft.title, publishedAt);
  return Article.parse({
    id,
    slug: slugify(draft.title, id),
    title: draft.title,
    publishedAt,
    byline: null,
    dateline: null,
    body: draft.body,
    readAlso: draft.readAlso ?? [],
    source: { agency: draft.agency ?? null, publisher: draft.publisher ?? null },
    tags: draft.tags ?? [],
    related: draft.related ?? [],
    lang: 'ar',
    dir: 'rtl',
    wordCount: draft.body.join(' ').split(/\s+/).filter(Boolean).length,
    warnings: [],
    provenance: {
      contentHash: createHash('sha256')
        .update(JSON.stringify({ ...draft, parserVersion: undefined }))
        .digest('hex'),
      parserVersion: draft.parserVersion ?? '0.1.0',
      spans: {},
    },
  });
}
