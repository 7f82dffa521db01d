import type { Article, RelatedArticle } from '@khabar/schema';

/**
 * An article appended after a document's footer, as an article of its own: the id, slug, word count and
 * content hash the parser gave it, its title, date and body, and the host's publisher, site, language
 * and parser version. Its id comes from its title and date (none, usually), so the same appended
 * article from two documents is stored once. It has no page of its own: no URL, summary or image.
 */
export function appendedArticle(host: Article, related: RelatedArticle): Article {
  return {
    id: related.id,
    slug: related.slug,
    title: related.title,
    publishedAt: related.publishedAt,
    byline: null,
    dateline: null,
    body: related.body,
    readAlso: [],
    source: { agency: null, publisher: host.source.publisher },
    tags: [],
    related: [],
    url: null,
    siteName: host.siteName ?? null,
    description: null,
    image: null,
    lang: host.lang,
    dir: host.dir,
    wordCount: related.wordCount,
    warnings: [],
    provenance: {
      contentHash: related.contentHash,
      parserVersion: host.provenance.parserVersion,
      spans: {},
    },
  };
}
