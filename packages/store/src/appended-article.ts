import { createHash } from 'node:crypto';
import { articleId, slugify } from '@khabar/parser';
import type { Article, RelatedArticle } from '@khabar/schema';

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * An article appended after a document's footer, as an article of its own: its title, date and body,
 * the host's publisher, language and parser version. Its id and slug are made as the parser makes them,
 * from the title and the date (none, usually), so the same appended article from two documents is
 * stored once.
 */
export function appendedArticle(host: Article, related: RelatedArticle): Article {
  const id = articleId(related.title, related.publishedAt);
  const text = [related.title, ...related.body].join('\n');
  return {
    id,
    slug: slugify(related.title, id),
    title: related.title,
    publishedAt: related.publishedAt,
    byline: null,
    dateline: null,
    body: related.body,
    readAlso: [],
    source: { agency: null, publisher: host.source.publisher },
    tags: [],
    related: [],
    lang: host.lang,
    dir: host.dir,
    wordCount: related.body.reduce((count, paragraph) => count + (paragraph.match(WORD)?.length ?? 0), 0),
    warnings: [],
    provenance: {
      contentHash: createHash('sha256').update(text).digest('hex'),
      parserVersion: host.provenance.parserVersion,
      spans: {},
    },
  };
}
