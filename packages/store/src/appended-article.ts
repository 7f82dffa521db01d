import { createHash } from 'node:crypto';
import type { Article, RelatedArticle } from '@khabar/schema';
import { titleKey } from './title-key.ts';

// Slugs stay readable in a URL; the schema allows 200 characters.
const SLUG_WORDS_LENGTH = 120;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/**
 * An article appended after a document's footer, as an article of its own: its title, date and body,
 * the host's publisher, language and parser version. Its id hashes the normalized title and the date
 * (none, usually), so the same appended article from two documents is stored once.
 */
export function appendedArticle(host: Article, related: RelatedArticle): Article {
  const id = articleId(related.title, related.publishedAt);
  const text = [related.title, ...related.body].join('\n');
  return {
    id,
    slug: articleSlug(related.title, id),
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

function articleId(title: string, publishedAt: string | null): string {
  return createHash('sha256')
    .update(`${titleKey(title)}\n${publishedAt ?? ''}`)
    .digest('hex')
    .slice(0, 16);
}

/** Title words joined by hyphens, then a short id suffix. */
export function articleSlug(title: string, id: string): string {
  const words: string[] = [];
  let length = 0;
  for (const [word] of title.matchAll(WORD)) {
    if (length + word.length + 1 > SLUG_WORDS_LENGTH) break;
    words.push(word);
    length += word.length + 1;
  }
  return [...words, id.slice(0, 6)].join('-');
}
