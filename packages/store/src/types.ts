import type {
  Article,
  ArticleSummary,
  IngestOutcome,
  Page,
  SearchHit,
  SourceCount,
  StoreStats,
  TagCount,
} from '@khabar/schema';

/** Filters and paging of a newest-first listing. */
export interface ListQuery {
  /** Cursor from the previous page's `nextCursor`. */
  cursor?: string | undefined;
  /** Page size, 1 to 100 (default 20). */
  limit?: number | undefined;
  tag?: string | undefined;
  agency?: string | undefined;
  publisher?: string | undefined;
  /** Inclusive lower bound on `publishedAt` (ISO date or date-time). */
  from?: string | undefined;
  /** Inclusive upper bound on `publishedAt` (ISO date or date-time). */
  to?: string | undefined;
}

/** A ranked full-text query. */
export interface SearchQuery {
  /** What the reader typed: any text, never interpreted as query syntax. */
  q: string;
  cursor?: string | undefined;
  /** Page size, 1 to 100 (default 10). */
  limit?: number | undefined;
}

/** Outcome of storing a batch: one entry per input article, in order. */
export interface BatchResult {
  outcomes: IngestOutcome[];
}

/** One store of articles with Arabic full-text search; SQLite and PostgreSQL implement it alike. */
export interface ArticleStore {
  /** `sqlite` or `postgres`. */
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Stores one article: added, updated (same id, or same page URL as a stored document, and new content;
   * the stored id and slug kept) or unchanged.
   */
  upsert(article: Article): Promise<IngestOutcome>;
  /** Stores many articles in transactions; all of a committed transaction's outcomes are durable. */
  upsertMany(articles: Article[]): Promise<BatchResult>;
  /** By id or slug; read-also and related items carry `link` where they resolve. Null when absent. */
  get(idOrSlug: string): Promise<Article | null>;
  /** Removes an article; false when there was none. */
  delete(id: string): Promise<boolean>;
  /** Newest first (sort key `(publishedAt, id)`, undated last). Throws `StoreError('invalid_cursor')` on a bad cursor. */
  list(query?: ListQuery): Promise<Page<ArticleSummary>>;
  /** Ranked hits with highlighted fragments; an empty query (no terms) gives an empty page. */
  search(query: SearchQuery): Promise<Page<SearchHit>>;
  /** Articles sharing tags, then by text similarity; never the article itself. */
  related(id: string, limit?: number): Promise<ArticleSummary[]>;
  /** Tags with article counts, most used first. */
  tags(limit?: number): Promise<TagCount[]>;
  /** Agencies and publishers with article counts, most used first. */
  sources(limit?: number): Promise<SourceCount[]>;
  stats(): Promise<StoreStats>;
  /** Resolves when the store answers a trivial query (for readiness checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
