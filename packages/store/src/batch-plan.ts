import type { Article, IngestOutcome } from '@khabar/schema';
import { appendedArticle } from './appended-article.ts';
import { StoreError } from './errors.ts';
import { type ArticleOrigin, type ArticleRow, toRow, withIdentity } from './stored-row.ts';
import { titleKey } from './title-key.ts';

/** What the store holds for an id, as far as deciding added / updated / unchanged goes. */
export interface StoredState {
  slug: string;
  content_hash: string;
  parser_version: string;
  origin: ArticleOrigin;
}

/** The keys a batch needs looked up in the store before it is planned. */
export interface BatchKeys {
  ids: string[];
  slugs: string[];
  titleKeys: string[];
  /** Page URLs of the batch's documents. */
  urls: string[];
}

/** What the store answered for those keys. */
export interface BatchLookups {
  /** Stored articles by id, those that own one of the batch's URLs among them. */
  existing: Map<string, StoredState>;
  /** Id of the stored document with each of the batch's URLs (the first stored, should there be two). */
  urlOwners: Map<string, string>;
  /** Owner id of each stored slug. */
  slugOwners: Map<string, string>;
  /** Title keys some stored article has. */
  titleKeys: Set<string>;
}

/** A stored document that has one of the batch's URLs, as the store's lookup answers it. */
export type UrlOwnerRow = StoredState & { id: string; url: string };

/** The lookups from the rows the store answered, the URL owners in the order they were stored. */
export function batchLookups(
  existing: readonly (StoredState & { id: string })[],
  slugs: readonly { slug: string; id: string }[],
  titleKeys: readonly { title_key: string }[],
  urlOwners: readonly UrlOwnerRow[],
): BatchLookups {
  const states = new Map(existing.map(({ id, ...state }) => [id, state]));
  const owners = new Map<string, string>();
  for (const { id, url, ...state } of urlOwners) {
    if (owners.has(url)) continue;
    owners.set(url, id);
    states.set(id, state);
  }
  return {
    existing: states,
    slugOwners: new Map(slugs.map(({ slug, id }) => [slug, id])),
    titleKeys: new Set(titleKeys.map(({ title_key }) => title_key)),
    urlOwners: owners,
  };
}

/** The writes of a batch, to be made in one transaction: first the deletions, then the rows. */
export interface BatchPlan {
  /** One per input article, in order. */
  outcomes: IngestOutcome[];
  /** Rows to insert or replace, one per id. */
  rows: ArticleRow[];
  /** Appended articles made redundant by a document with the same title (`titleKey`), except `keep`. */
  superseded: { titleKey: string; keep: string }[];
}

/** Every id, slug and title key that planning `articles` may ask about. */
export function batchKeys(articles: readonly Article[]): BatchKeys {
  const ids = new Set<string>();
  const slugs = new Set<string>();
  const titleKeys = new Set<string>();
  const urls = new Set<string>();
  for (const article of articles) {
    ids.add(article.id);
    slugs.add(article.slug).add(fallbackSlug(article.slug, article.id));
    if (article.url) urls.add(article.url);
    for (const related of article.related) {
      if (related.body.length === 0) continue;
      ids.add(related.id);
      slugs.add(related.slug).add(fallbackSlug(related.slug, related.id));
      titleKeys.add(titleKey(related.title));
    }
  }
  return { ids: [...ids], slugs: [...slugs], titleKeys: [...titleKeys], urls: [...urls] };
}

/**
 * The id an article is stored under. Two pages with the same URL are one article: a page whose URL a
 * stored document with another id has replaces that document and takes over its id and slug. The page
 * at a URL changes its headline or date more often than its address, and each change gives another id;
 * keeping the stored one keeps the address readers, feeds and other sites already hold, as an update
 * under the same id keeps its slug.
 */
function storedId(article: Article, urlOwners: ReadonlyMap<string, string>): string {
  return (article.url && urlOwners.get(article.url)) || article.id;
}

/**
 * Decides, article by article as if stored one at a time, what a batch does: an article whose content
 * hash and parser version match the stored one is unchanged; one whose id is stored, or whose URL a
 * stored document has (see `storedId`), replaces it and keeps its id and slug; appended articles with a
 * body become articles of their own unless an article with that title is stored, and give way to a
 * document with their title. `prepared` holds rows already made (see `rowJobs`), so that the costly
 * part can run before the store's write lock is taken. `stories` false makes rows without the story
 * fingerprint (see `toRow`).
 */
export function planBatch(
  articles: readonly Article[],
  lookups: BatchLookups,
  prepared: PreparedRows = [],
  stories = true,
): BatchPlan {
  const state = new Map(lookups.existing);
  const slugOwners = new Map(lookups.slugOwners);
  const urlOwners = new Map(lookups.urlOwners);
  const urlOf = new Map([...urlOwners].map(([url, id]) => [id, url]));
  const presentKeys = new Set(lookups.titleKeys);
  const rows = new Map<string, ArticleRow>();
  // Appended articles planned in this batch, by title key (one per key: the key is then present).
  const appendedIds = new Map<string, string>();
  const superseded: BatchPlan['superseded'] = [];
  const outcomes: IngestOutcome[] = [];

  const claimSlug = (slug: string, id: string): string => {
    for (const candidate of [slug, fallbackSlug(slug, id)]) {
      const owner = slugOwners.get(candidate);
      if (owner === undefined || owner === id) {
        slugOwners.set(candidate, id);
        return candidate;
      }
    }
    throw new StoreError(
      'slug_taken',
      `slug ${slug} of article ${id} is taken by another article, and so is ${fallbackSlug(slug, id)}`,
    );
  };

  for (const [index, article] of articles.entries()) {
    const id = storedId(article, urlOwners);
    const previous = state.get(id);
    if (previous && isUnchanged(previous, article)) {
      outcomes.push({ status: 'unchanged', id, slug: previous.slug });
      continue;
    }
    const slug = previous?.slug ?? claimSlug(article.slug, id);
    const ready = prepared[index];
    const row = ready
      ? withIdentity(ready.row, id, slug)
      : toRow({ ...article, id }, slug, 'document', stories);
    // An appended copy planned earlier in this batch gives way as a stored one would.
    const planned = appendedIds.get(row.title_key);
    if (planned !== undefined && planned !== id) {
      rows.delete(planned);
      state.delete(planned);
    }
    appendedIds.delete(row.title_key);
    rows.set(id, row);
    state.set(id, row);
    // The row's URL is now this page's: a URL it had before names no stored article any more.
    const formerUrl = urlOf.get(id);
    if (formerUrl !== undefined && formerUrl !== row.url) urlOwners.delete(formerUrl);
    if (row.url === null) urlOf.delete(id);
    else {
      urlOwners.set(row.url, id);
      urlOf.set(id, row.url);
    }
    superseded.push({ titleKey: row.title_key, keep: id });
    presentKeys.add(row.title_key);
    outcomes.push({ status: previous ? 'updated' : 'added', id, slug: row.slug });

    for (const [item, related] of article.related.entries()) {
      const key = titleKey(related.title);
      if (related.body.length === 0 || presentKeys.has(key)) continue;
      if (state.has(related.id)) continue;
      // An appended article keeps the id and slug the parser gave it (see `appendedArticle`).
      const appendedSlug = claimSlug(related.slug, related.id);
      const early = ready?.appended[item];
      const appendedRow = early
        ? withIdentity(early, related.id, appendedSlug)
        : toRow(appendedArticle(article, related), appendedSlug, 'appended', stories);
      rows.set(related.id, appendedRow);
      state.set(related.id, appendedRow);
      appendedIds.set(key, related.id);
      presentKeys.add(key);
    }
  }
  return { outcomes, rows: [...rows.values()], superseded };
}

// The readable slug with the whole id as its suffix: unique whenever ids are.
function fallbackSlug(slug: string, id: string): string {
  const words = slug.replace(/-?[^-]*$/, '');
  return words.length > 0 ? `${words}-${id}` : id;
}

/** The rows made ahead for one document of a batch (see `rowJobs`), each under its own id and slug. */
export interface PreparedDocument {
  row: ArticleRow;
  /** One place per item of the document's `related`: the row of that appended article, or null. */
  appended: readonly (ArticleRow | null)[];
  /**
   * The rows' `rowJson` in UTF-8, when they were made on a thread asked for it (see `RowThread`):
   * the row's, then one place per item of `appended`.
   */
  json?: { row: Uint8Array; appended: readonly (Uint8Array | null)[] };
}

/** Rows made ahead for a batch, one place per article: null where none was made. */
export type PreparedRows = readonly (PreparedDocument | null)[];

/**
 * The articles of a batch that `hint` (lookups made without a lock, maybe stale) says will be written:
 * their text analysis (see `toRow`) is most of the cost of storing, and made ahead of the write
 * (`preparedRows`), it does not hold the write lock.
 */
export function articlesToWrite(articles: readonly Article[], hint: BatchLookups): Article[] {
  return articles.filter(
    (article) => !isUnchanged(hint.existing.get(storedId(article, hint.urlOwners)), article),
  );
}

/** A document whose rows are to be made ahead, and the places in its `related` of the appended ones. */
export interface RowJob {
  /** The document's place in its batch. */
  index: number;
  article: Article;
  appended: readonly number[];
}

/**
 * What to make ahead for a batch: a job for each article `hint` says will be written (see
 * `articlesToWrite`), with the appended articles `planBatch` would make rows of were `hint` the store's
 * answer. A job need not match what the batch turns out to write: `planBatch` takes a row made ahead
 * only from the very place it plans, and makes the rest itself.
 */
export function rowJobs(articles: readonly Article[], hint: BatchLookups): RowJob[] {
  const written = new Set(articlesToWrite(articles, hint));
  // As in `planBatch`: ids the batch finds taken, and titles it finds present.
  const taken = new Set(hint.existing.keys());
  const present = new Set(hint.titleKeys);
  const jobs: RowJob[] = [];
  for (const [index, article] of articles.entries()) {
    if (!written.has(article)) continue;
    taken.add(storedId(article, hint.urlOwners));
    present.add(titleKey(article.title));
    const appended: number[] = [];
    for (const [item, related] of article.related.entries()) {
      if (related.body.length === 0 || taken.has(related.id)) continue;
      const key = titleKey(related.title);
      if (present.has(key)) continue;
      taken.add(related.id);
      present.add(key);
      appended.push(item);
    }
    jobs.push({ index, article, appended });
  }
  return jobs;
}

/**
 * The rows of a job, made on this thread, each under the article's own id and slug: the shadow text,
 * the story fingerprint (unless `stories` is false) and the stored document of each.
 */
export function jobRows({ article, appended }: RowJob, stories = true): PreparedDocument {
  const rows: (ArticleRow | null)[] = article.related.map(() => null);
  for (const item of appended) {
    const related = article.related[item];
    if (related === undefined) continue;
    rows[item] = toRow(appendedArticle(article, related), related.slug, 'appended', stories);
  }
  return { row: toRow(article, article.slug, 'document', stories), appended: rows };
}

/** The rows made for `jobs` (see `rowJobs`), in their places among the batch's articles. */
export function preparedRows(
  articles: readonly Article[],
  jobs: readonly RowJob[],
  made: readonly PreparedDocument[],
): PreparedRows {
  const rows: (PreparedDocument | null)[] = articles.map(() => null);
  for (const [place, job] of jobs.entries()) rows[job.index] = made[place] ?? null;
  return rows;
}

/** The rows of the articles `hint` says will be written and of their appended articles, made on this thread. */
export function prepareRows(articles: readonly Article[], hint: BatchLookups, stories = true): PreparedRows {
  const jobs = rowJobs(articles, hint);
  return preparedRows(
    articles,
    jobs,
    jobs.map((job) => jobRows(job, stories)),
  );
}

/** Whether the stored state is this very document: same content hash, same parser version. */
function isUnchanged(stored: StoredState | undefined, article: Article): boolean {
  return (
    stored?.origin === 'document' &&
    stored.content_hash === article.provenance.contentHash &&
    stored.parser_version === article.provenance.parserVersion
  );
}
