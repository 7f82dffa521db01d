import { createHash } from 'node:crypto';
import { Article, type LeadImage, type RelatedArticle } from '@khabar/schema';

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
  url?: string | null;
  siteName?: string | null;
  description?: string | null;
  image?: LeadImage | null;
  parserVersion?: string;
}

/**
 * A schema-valid article from a draft, with an id and slug of the parser's shape and the hash of its
 * content. The store takes ids, slugs, counts and hashes as given and never makes them, so its tests
 * need no parser: any function that gives the same title and day the same id serves.
 */
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
    related: (draft.related ?? []).map(buildRelated),
    url: draft.url ?? null,
    siteName: draft.siteName ?? null,
    description: draft.description ?? null,
    image: draft.image ?? null,
    lang: 'ar',
    dir: 'rtl',
    wordCount: countWords(draft.body),
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

/** An appended article with an id, slug, count and hash of the shapes the parser gives one. */
function buildRelated(related: {
  title: string;
  publishedAt: string | null;
  body: string[];
}): RelatedArticle {
  const id = articleId(related.title, related.publishedAt);
  return {
    id,
    slug: slugify(related.title, id),
    ...related,
    wordCount: countWords(related.body),
    contentHash: createHash('sha256')
      .update([related.title, ...related.body].join('\n'))
      .digest('hex'),
  };
}

/** 16 hex digits from the title and the day, as the parser's ids are. */
function articleId(title: string, publishedAt: string | null): string {
  const day = publishedAt?.slice(0, 10) ?? '';
  return createHash('sha256').update(`${title}\n${day}`).digest('hex').slice(0, 16);
}

/** Up to eight title words joined by hyphens, then six digits of the id, as the parser's slugs are. */
function slugify(title: string, id: string): string {
  const words = title.match(/[\p{L}\p{M}\p{N}]+/gu)?.slice(0, 8) ?? [];
  return [...words, id.slice(0, 6)].join('-');
}

function countWords(body: readonly string[]): number {
  return body.join(' ').split(/\s+/).filter(Boolean).length;
}
