import type { Article, Warning } from '@khabar/schema';
import type { Draft } from './draft.ts';
import { articleId, sha256, slugify } from './identity.ts';
import { detectLanguage } from './language.ts';
import { spanOf } from './lines.ts';
import type { ParseOptions } from './options.ts';
import { lexiconKeys, segmentTags } from './tags.ts';
import { countWords } from './text-shape.ts';
import { parserVersion } from './version.ts';
import { warning } from './warnings.ts';

/** What a page tells about itself beyond its text: null for a text dump. */
export interface PageFields {
  url: string | null;
  siteName: string | null;
  description: string | null;
  image: { url: string; caption: string | null } | null;
}

const NO_PAGE: PageFields = { url: null, siteName: null, description: null, image: null };

/** The article a finished draft makes: ids, counts, tags, language and provenance. */
export function finish(
  draft: Draft,
  content: string | Uint8Array,
  options: ParseOptions,
  page: PageFields = NO_PAGE,
): { article: Article; warnings: Warning[] } {
  const tags = readTags(draft, options);
  if (draft.body.length === 0) draft.warnings.push(warning('no_body', null));
  draft.warnings.sort((left, right) => (left.line ?? 0) - (right.line ?? 0));
  const id = articleId(draft.title, draft.publishedAt);
  const { lang, dir } = detectLanguage(draft.title, draft.body);
  let wordCount = 0;
  for (const paragraph of draft.body) wordCount += countWords(paragraph);
  const article: Article = {
    id,
    slug: slugify(draft.title, id),
    title: draft.title,
    publishedAt: draft.publishedAt,
    byline: draft.byline,
    dateline: draft.dateline,
    body: draft.body,
    readAlso: draft.readAlso,
    source: { agency: draft.agency, publisher: draft.publisher },
    tags,
    related: draft.related.map((related) => related.article),
    lang,
    dir,
    wordCount,
    url: page.url,
    siteName: page.siteName,
    description: page.description,
    image: page.image,
    warnings: draft.warnings,
    provenance: {
      contentHash: sha256(content),
      parserVersion,
      spans: draft.spans,
    },
  };
  return { article, warnings: draft.warnings };
}

function readTags(draft: Draft, options: ParseOptions): string[] {
  // A page's own tags (meta keywords) stand in when its text has no keywords line.
  if (draft.keywords.length === 0) return draft.pageTags;
  const lexicon = lexiconKeys(options.tagLexicon ?? []);
  const tags: string[] = [];
  const spans = [];
  for (const { line, start } of draft.keywords) {
    const value = line.text.slice(start);
    const slices = segmentTags(value, draft.title, draft.body, lexicon);
    if (slices.length === 0) draft.warnings.push(warning('keywords_empty', line.number));
    for (const slice of slices) {
      tags.push(slice.text);
      spans.push(spanOf(line, start + slice.start, start + slice.end));
    }
  }
  if (spans.length > 0) draft.spans.tags = spans;
  return tags;
}
