import type { Article, IngestOutcome } from '@khabar/schema';
import { appendedArticle } from './appended-article.ts';
import { type ArticleOrigin, type ArticleRow, toRow, withSlug } from './stored-row.ts';
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
}

/** What the store answered for those keys. */
export interface BatchLookups {
  /** Stored articles by id. */
  existing: Map<string, StoredState>;
  /** Owner id of each stored slug. */
  slugOwners: Map<string, string>;
  /** Title keys some stored article has. */
  titleKeys: Set<string>;
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
  for (const article of articles) {
    ids.add(article.id);
    slugs.add(article.slug).add(fallbackSlug(article.slug, article.id));
    for (const related of article.related) {
      if (related.body.length === 0) continue;
      const appended = appendedArticle(article, related);
      ids.add(appended.id);
      slugs.add(appended.slug).add(fallbackSlug(appended.slug, appended.id));
      titleKeys.add(titleKey(related.title));
    }
  }
  return { ids: [...ids], slugs: [...slugs], titleKeys: [...titleKeys] };
}

/**
 * Decides, article by article as if stored one at a time, what a batch does: an article whose content
 * hash and parser version match the stored one is unchanged; one whose id is stored replaces it and keeps
 * its slug; appended articles with a body become articles of their own unless an article with that
 * title is stored, and give way to a document with their title. `prepared` holds rows already made
 * (see `prepareRows`), so that the costly part can run before the store's write lock is taken.
 */
export function planBatch(
  articles: readonly Article[],
  lookups: BatchLookups,
  prepared: ReadonlyMap<Article, ArticleRow> = new Map(),
): BatchPlan {
  const state = new Map(lookups.existing);
  const slugOwners = new Map(lookups.slugOwners);
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
    throw new Error(`slug ${slug} of article ${id} is taken by another article`);
  };

  for (const article of articles) {
    const previous = state.get(article.id);
    if (previous && isUnchanged(previous, article)) {
      outcomes.push({ status: 'unchanged', id: article.id, slug: previous.slug });
      continue;
    }
    const slug = previous?.slug ?? claimSlug(article.slug, article.id);
    const ready = prepared.get(article);
    const row = ready ? withSlug(ready, slug) : toRow(article, slug, 'document');
    // An appended copy planned earlier in this batch gives way as a stored one would.
    const planned = appendedIds.get(row.title_key);
    if (planned !== undefined && planned !== article.id) {
      rows.delete(planned);
      state.delete(planned);
    }
    appendedIds.delete(row.title_key);
    rows.set(article.id, row);
    state.set(article.id, row);
    superseded.push({ titleKey: row.title_key, keep: article.id });
    presentKeys.add(row.title_key);
    outcomes.push({ status: previous ? 'updated' : 'added', id: article.id, slug: row.slug });

    for (const related of article.related) {
      const key = titleKey(related.title);
      if (related.body.length === 0 || presentKeys.has(key)) continue;
      const appended = appendedArticle(article, related);
      if (state.has(appended.id)) continue;
      const appendedRow = toRow(appended, claimSlug(appended.slug, appended.id), 'appended');
      rows.set(appended.id, appendedRow);
      state.set(appended.id, appendedRow);
      appendedIds.set(key, appended.id);
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

/**
 * The rows of the articles that `hint` (lookups made without a lock, maybe stale) says will be written:
 * text analysis is most of the cost of storing, and done here it does not hold the write lock.
 */
export function prepareRows(articles: readonly Article[], hint: BatchLookups): Map<Article, ArticleRow> {
  const rows = new Map<Article, ArticleRow>();
  for (const article of articles) {
    if (!isUnchanged(hint.existing.get(article.id), article)) {
      rows.set(article, toRow(article, article.slug, 'document'));
    }
  }
  return rows;
}

/** Whether the stored state is this very document: same content hash, same parser version. */
function isUnchanged(stored: StoredState | undefined, article: Article): boolean {
  return (
    stored?.origin === 'document' &&
    stored.content_hash === article.provenance.contentHash &&
    stored.parser_version === article.provenance.parserVersion
  );
}
