import { searchTerms } from '@khabar/arabic';
import type { Article, ArticleSummary } from '@khabar/schema';
import { excerpt } from './excerpt.ts';
import { sortKey } from './sort-key.ts';
import {
  type BodySentences,
  bodySentences,
  fingerprintOf,
  type StorySketch,
  shadowLines,
  sketchHash,
} from './stories/index.ts';
import { titleKey } from './title-key.ts';

/** Whether a row came from an ingested document or from an article appended to one. */
export type ArticleOrigin = 'document' | 'appended';

/** One article as both stores keep it: the document, the columns lists filter on, the search text. */
export interface ArticleRow {
  id: string;
  slug: string;
  title: string;
  title_key: string;
  published_at: string | null;
  sort_at: string;
  agency: string | null;
  publisher: string | null;
  /** JSON array of the tags, for summaries without reading the document. */
  tags: string;
  excerpt: string;
  word_count: number;
  content_hash: string;
  parser_version: string;
  origin: ArticleOrigin;
  /** The article as JSON, without the links `get` resolves at read time. */
  doc: string;
  /** Normalized, light-stemmed title terms, space-separated: the shadow text the index reads. */
  search_title: string;
  /** The same for the body, one line per paragraph, so highlighting can tell which paragraphs match. */
  search_body: string;
  /** The page's URL: two documents with the same one are one article. */
  url: string | null;
  /** The body's story fingerprint (not a column of `articles`); null when the store keeps no stories. */
  fingerprint: RowFingerprint | null;
}

/**
 * What story detection needs of a body: its sketch, the hash of the sketch and its LSH band keys.
 * A store keeps the hash and the band keys; the sketch is made again from the document when needed.
 */
export interface RowFingerprint {
  sketch: StorySketch;
  /** See `sketchHash`. */
  hash: number;
  /** Its LSH band keys (see `bandKeys`), in the buffer of its sketch (see `rowFingerprint`). */
  bands: Float64Array;
}

/** Every column of an article row, in the order both stores insert them. */
export const ROW_COLUMNS = [
  'id',
  'slug',
  'title',
  'title_key',
  'published_at',
  'sort_at',
  'agency',
  'publisher',
  'tags',
  'excerpt',
  'word_count',
  'content_hash',
  'parser_version',
  'origin',
  'search_title',
  'doc',
  'search_body',
  'url',
] as const satisfies readonly (keyof ArticleRow)[];

/**
 * A row as the PostgreSQL store's upsert reads it (`json_populate_recordset`): its columns as one JSON
 * object, in `ROW_COLUMNS` order, the story fingerprint (no column) left out.
 */
export function rowJson(row: ArticleRow): string {
  return JSON.stringify(row, ROW_COLUMNS as unknown as string[]);
}

/** The `SET` list of an upsert that replaces every column but the id with the incoming row's. */
export const SET_FROM_EXCLUDED = ROW_COLUMNS.filter((column) => column !== 'id')
  .map((column) => `${column} = excluded.${column}`)
  .join(', ');

/**
 * The row of an article; `slug` may differ from the article's when its own was taken. `stories`
 * false leaves out the story fingerprint (only to measure what it costs).
 */
export function toRow(article: Article, slug: string, origin: ArticleOrigin, stories = true): ArticleRow {
  const body = stories ? bodyText(article.body) : null;
  const stored: Article = {
    ...article,
    slug,
    readAlso: article.readAlso.map(({ link: _link, ...item }) => item),
    related: article.related.map(({ link: _link, ...item }) => item),
    ...pageFields(article),
  };
  return {
    id: article.id,
    slug,
    title: article.title,
    title_key: titleKey(article.title),
    published_at: article.publishedAt,
    sort_at: sortKey(article.publishedAt),
    agency: article.source.agency,
    publisher: article.source.publisher,
    tags: JSON.stringify(article.tags),
    excerpt: excerpt(article.body),
    word_count: article.wordCount,
    content_hash: article.provenance.contentHash,
    parser_version: article.provenance.parserVersion,
    origin,
    doc: JSON.stringify(stored),
    search_title: searchTerms(article.title).join(' '),
    search_body: body?.shadow ?? bodyShadow(article.body),
    url: stored.url,
    fingerprint: body?.fingerprint ?? null,
  };
}

/**
 * The shadow text and the story fingerprint of a body from one tokenization. Story detection reads
 * at most MAX_BODY_CHARACTERS of a body; the shadow of a longer one is made from the whole of it.
 */
function bodyText(body: readonly string[]): { shadow: string; fingerprint: RowFingerprint } {
  const read = bodySentences(body);
  const whole = read.complete && read.paragraphs === body.length;
  return {
    shadow: whole ? shadowLines(read).join('\n') : bodyShadow(body),
    fingerprint: rowFingerprint(read),
  };
}

/**
 * The story fingerprint of a body already split into sentences, its band keys and sketch in one
 * buffer: a row crosses two threads on its way to be written and its sketch may stay in the writer's
 * memory, and one buffer where there were four took the ingest of SaudiNewsNet 0.4 s less (0.6 s of
 * CPU less, fewer buffers to copy and collect).
 */
export function rowFingerprint(read: BodySentences): RowFingerprint {
  const { sketch, bandKeys } = fingerprintOf(read);
  const { shingles, sentenceEnds, sentenceShingles } = sketch;
  // Float64 first, then 32-bit, then 16-bit values: each view starts aligned to its element size.
  const buffer = new ArrayBuffer(
    8 * bandKeys.length + 4 * (shingles.length + sentenceEnds.length) + 2 * sentenceShingles.length,
  );
  let offset = 0;
  const view = <T extends Float64Array | Uint32Array | Uint16Array>(
    make: (buffer: ArrayBuffer, offset: number, length: number) => T,
    values: ArrayLike<number>,
  ): T => {
    const array = make(buffer, offset, values.length);
    array.set(values);
    offset += array.byteLength;
    return array;
  };
  const bands = view((at, from, length) => new Float64Array(at, from, length), bandKeys);
  const packed = {
    shingles: view((at, from, length) => new Uint32Array(at, from, length), shingles),
    sentenceEnds: view((at, from, length) => new Uint32Array(at, from, length), sentenceEnds),
    sentenceShingles: view((at, from, length) => new Uint16Array(at, from, length), sentenceShingles),
  };
  return { sketch: packed, hash: sketchHash(packed), bands };
}

/**
 * The story fingerprint of a stored document, the same as its row was given (see `toRow`). A
 * document that cannot be read (damaged) has the fingerprint of an empty body, a story of one: its
 * damage shows where it is read, and does not stop the store writing stories.
 */
export function docFingerprint(doc: string): RowFingerprint {
  let body: readonly string[] = [];
  try {
    const read = readDoc(doc).body;
    if (Array.isArray(read)) body = read.filter((paragraph) => typeof paragraph === 'string');
  } catch {
    // An empty body, as said above.
  }
  return rowFingerprint(bodySentences(body));
}

/** The row under another id and slug (those of the stored article it replaces), its document too. */
export function withIdentity(row: ArticleRow, id: string, slug: string): ArticleRow {
  if (row.id === id && row.slug === slug) return row;
  return { ...row, id, slug, doc: JSON.stringify({ ...(JSON.parse(row.doc) as Article), id, slug }) };
}

/** A stored document as an article; one written before the page fields existed reads them as null. */
export function readDoc(doc: string): Article {
  const article = JSON.parse(doc) as Article;
  return article.url === undefined ? { ...article, ...pageFields(article) } : article;
}

// Callers in plain JavaScript, and documents older than these fields, may leave them out.
function pageFields(article: Partial<Article>): Pick<Article, 'url' | 'siteName' | 'description' | 'image'> {
  return {
    url: article.url ?? null,
    siteName: article.siteName ?? null,
    description: article.description ?? null,
    image: article.image ?? null,
  };
}

/** The shadow text of a body: each paragraph's terms joined by blanks, one line per paragraph. */
export function bodyShadow(body: readonly string[]): string {
  return body.map((paragraph) => searchTerms(paragraph).join(' ')).join('\n');
}

/** The columns a summary is read from. */
export type SummaryColumns = Pick<
  ArticleRow,
  'id' | 'slug' | 'title' | 'published_at' | 'agency' | 'publisher' | 'tags' | 'excerpt' | 'word_count'
>;

export const SUMMARY_COLUMNS = 'id, slug, title, published_at, agency, publisher, tags, excerpt, word_count';

export function toSummary(row: SummaryColumns): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    publishedAt: row.published_at,
    source: { agency: row.agency, publisher: row.publisher },
    tags: JSON.parse(row.tags) as string[],
    excerpt: row.excerpt,
    wordCount: Number(row.word_count),
  };
}
