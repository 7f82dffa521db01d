import type {
  Article,
  ArticleSummary,
  IngestOutcome,
  Page,
  SearchHit,
  SourceCount,
  StoredArticle,
  StoreStats,
  Story,
  StoryMember,
  StorySummary,
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
  /**
   * `story` (the default): one hit per story, its best-ranked article, naming the story's other
   * articles in `alsoIn`; `none`: every matching article, each still with its story and `alsoIn`.
   */
  collapse?: 'story' | 'none' | undefined;
}

/** Filters and paging of the stories listing. */
export interface StoryQuery {
  /** Cursor from the previous page's `nextCursor`. */
  cursor?: string | undefined;
  /** Page size, 1 to 100 (default 20). */
  limit?: number | undefined;
  /** Stories with an article carrying this tag. */
  tag?: string | undefined;
  /** Stories with an article crediting this agency. */
  agency?: string | undefined;
  /** Stories with an article crediting this publisher. */
  publisher?: string | undefined;
  /** Only stories of at least this many articles, 1 or more (default 2: stories more than one outlet ran). */
  minSize?: number | undefined;
}

/** A story of two or more articles, as `storyClusters` lists it. */
export interface StoryCluster {
  /** The story id: the id of its earliest article. */
  story: string;
  /** Its article ids, ascending. */
  articles: string[];
  /** Its articles, earliest first (undated last, then by id): only when asked for (`members: true`). */
  members?: StoryMember[];
}

/** Outcome of storing a batch: one entry per input article, in order. */
export interface BatchResult {
  outcomes: IngestOutcome[];
}

/** How a write may be cut short. */
export interface WriteOptions {
  /**
   * Aborting it takes a write out of the queue, or stops it while it waits for the lock or is being
   * written, and rolls it back: the call then fails with `StoreError('unavailable')` and nothing was
   * stored. A write whose commit had begun when the signal fired completes and reports its outcome.
   */
  signal?: AbortSignal | undefined;
  /**
   * For a bulk load, as `khabar ingest` makes: the new articles of the write join their stories later,
   * all at once (one pass over the band index for every article deferred, rather than one per
   * write), when the store is compacted (`compact()`) or closed, or once 50,000 articles wait; until
   * then each reads as a story of one, and is missing from listings of stories of one. Articles the
   * write updates are filed at once, as always. If the process ends before, nothing is lost: the next
   * store to open the database gives them their stories from their stored documents.
   */
  deferStories?: boolean | undefined;
}

/** What an integrity check of a store found. */
export interface IntegrityReport {
  /** `quick`: cheap enough for start-up (SQLite's `quick_check`); `full`: reads everything. */
  depth: 'quick' | 'full';
  /** True when every check that ran found nothing wrong. */
  ok: boolean;
  /** What is damaged, one line each; empty when `ok`. */
  problems: string[];
  /** Checks that could not run here (such as an extension that is not installed), one line each. */
  skipped: string[];
}

/** What a committed write changed. */
export interface StoreChange {
  /** Ids of the articles added, updated or removed; empty when the store cannot tell (assume any). */
  ids: readonly string[];
}

/** One store of articles with Arabic full-text search; SQLite and PostgreSQL implement it alike. */
export interface ArticleStore {
  /** `sqlite` or `postgres`. */
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Stores one article: added, updated (same id, or same page URL as a stored document, and new content;
   * the stored id and slug kept) or unchanged.
   */
  upsert(article: Article, options?: WriteOptions): Promise<IngestOutcome>;
  /** Stores many articles in transactions; all of a committed transaction's outcomes are durable. */
  upsertMany(articles: Article[], options?: WriteOptions): Promise<BatchResult>;
  /**
   * By id or slug, with its story; read-also and related items carry `link` where they resolve. Null
   * when absent.
   */
  get(idOrSlug: string): Promise<StoredArticle | null>;
  /**
   * Makes the search index compact after a bulk load, as `khabar ingest` does when it ends: SQLite
   * merges its full-text index into one segment, which searches then read instead of one per level
   * of merging (about 0.4 s for 30,000 articles, in steps that each hold the write lock for tens of
   * milliseconds); PostgreSQL builds the search indexes a first bulk load left owed and refreshes the
   * planner's statistics of the store's tables. Contents and answers are unchanged.
   */
  compact(): Promise<void>;
  /**
   * Gets search ready for traffic, as a server does before it listens: SQLite starts its search
   * threads and each reads what ranking keeps of the newest articles (their titles and stories), which
   * a query otherwise reads the first time it meets them; PostgreSQL reads the titles of the newest
   * articles, the same way, and the planner's statistics that search windows are planned from.
   * Answers are unchanged; only the first searches are faster.
   */
  warm(): Promise<void>;
  /** Removes an article; false when there was none. */
  delete(id: string, options?: WriteOptions): Promise<boolean>;
  /** Newest first (sort key `(publishedAt, id)`, undated last). Throws `StoreError('invalid_cursor')` on a bad cursor. */
  list(query?: ListQuery): Promise<Page<ArticleSummary>>;
  /**
   * Ranked hits with highlighted fragments, each with its story; by default one hit per story (see
   * `SearchQuery.collapse`). An empty query (no terms) gives an empty page.
   */
  search(query: SearchQuery): Promise<Page<SearchHit>>;
  /**
   * The page `search` gives, as UTF-8 JSON: what a server sends as it is. The embedded store
   * serializes it on the thread that searched, which spares copying the hits between threads.
   */
  searchJson(query: SearchQuery): Promise<Uint8Array>;
  /**
   * Stories, the one with the latest article first (sort key `(lastPublishedAt, id)`, undated last).
   * Throws `StoreError('invalid_cursor')` on a bad cursor.
   */
  stories(query?: StoryQuery): Promise<Page<StorySummary>>;
  /** A story by its id, with every article of it; null when no stored story has that id. */
  story(id: string): Promise<Story | null>;
  /**
   * Every story of two or more articles, by story id (ascending, by code point); with `members`, each
   * with its articles' titles, outlets and times, read in the same statement.
   */
  storyClusters(options?: { members?: boolean }): Promise<StoryCluster[]>;
  /** Articles sharing tags, then by text similarity; never the article itself. */
  related(id: string, limit?: number): Promise<ArticleSummary[]>;
  /** Tags with article counts, most used first. */
  tags(limit?: number): Promise<TagCount[]>;
  /** Agencies and publishers with article counts, most used first. */
  sources(limit?: number): Promise<SourceCount[]>;
  stats(): Promise<StoreStats>;
  /** Resolves when the store answers a trivial query (for readiness checks). */
  ping(): Promise<void>;
  /** Checks the stored data for damage (pages, indexes, tables), without changing anything. */
  check(depth?: 'quick' | 'full'): Promise<IntegrityReport>;
  /**
   * The first damage a read or write has met since the store was opened (a corrupt page or index), as a
   * message; null while none has. Readiness checks report it.
   */
  damage(): string | null;
  /**
   * Calls `listener` after each committed write that changed something: writes through this store and,
   * on PostgreSQL, writes by every other process sharing the database (LISTEN/NOTIFY), within moments
   * of their commit. Returns a function that stops listening.
   */
  watch(listener: (change: StoreChange) => void): () => void;
  close(): Promise<void>;
}
