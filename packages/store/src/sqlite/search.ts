import type { ArticleSummary, Page, SearchHit } from '@khabar/schema';
import type Database from 'better-sqlite3';
import { decodeSearchCursor } from '../cursor.ts';
import { type PageStory, pageStories, type StoryMemberRow, storiesMembersSql } from '../hit-stories.ts';
import { checkLimit, DEFAULT_RELATED, DEFAULT_SEARCH_SIZE } from '../limits.ts';
import {
  ftsAllGroups,
  ftsAnySubset,
  ftsAnyTerm,
  queryGroups,
  relaxedLevels,
  relaxes,
  requiredGroups,
} from '../query-terms.ts';
import { CandidateRanker } from '../rank-candidates.ts';
import {
  BODY_WEIGHT,
  RANKED_WINDOW,
  RELAXED_WINDOW,
  SQLITE_TEXT_RANK_SCALE,
  TITLE_WEIGHT,
  TITLED_WINDOW,
} from '../ranking.ts';
import { checkCollapse, HIT_STORY_COLUMN, type HitRow, searchPage } from '../search-page.ts';
import { similarityTerms } from '../similarity-terms.ts';
import { SUMMARY_COLUMNS, type SummaryColumns, toSummary } from '../stored-row.ts';
import { surfaceWords, TitleVocabulary, titleTerms } from '../title-score.ts';
import type { SearchQuery } from '../types.ts';
import { guard, statements } from './connection.ts';

// Titles kept for ranking; past this many the memory is given back and the cache starts again.
const MAX_CACHED_TITLES = 200_000;
// Words numbered for them, likewise.
const MAX_TITLE_WORDS = 1_000_000;
// Terms known to be in the index or not, likewise.
const MAX_CACHED_TERMS = 100_000;
// Stories of hits (most of a few articles, none of more than ALSO_IN_LIMIT + 1 kept), likewise.
const MAX_CACHED_STORIES = 10_000;

/** What ranking needs of a stored article, kept in memory by row while the database is unchanged. */
interface RankingRow {
  id: string;
  /** Numbered by the search's vocabulary. */
  titleTerms: Int32Array;
  titleWords: Int32Array;
  story: string;
}

export interface SqliteSearch {
  search(query: SearchQuery): Page<SearchHit>;
  /** Articles sharing tags with the one of `id`, then the most similar by text (bm25 over its title and tags). */
  related(id: string, limit?: number): ArticleSummary[];
  /** Drops what was cached about stored articles: the connection itself changed them. */
  forget(): void;
  /** Reads what ranking keeps of the newest `count` articles (see `ArticleStore.warm`). */
  warm(count: number): void;
}

/**
 * Full-text search, and the related articles found with it, on one connection. Ranking reads the id,
 * shadow title and story of a few hundred matching rows per query, and the same rows again and again
 * (the newest articles holding common words); these are kept in memory while the database is
 * unchanged, as are the stories of the hits on pages (each its earliest articles, which the page
 * names as its other outlets). Other connections' commits show in SQLite's `data_version`, which is
 * read before each search; the connection's own writes call `forget`. A write that moves articles to another story
 * commits with the articles it stores, so a cached story is never older than a cached title.
 */
export function sqliteSearch(db: Database.Database): SqliteSearch {
  const { all, one, prepare } = statements(db);
  const dataVersion = prepare('PRAGMA data_version').pluck();
  // The shadow body and document of hits as their UTF-8 bytes, searched without decoding them; a file
  // kept in UTF-16 (made by another program) gives them as text instead, since its bytes would not be UTF-8.
  const asBytes = db.pragma('encoding', { simple: true }) === 'UTF-8';
  const shadowBody = asBytes ? 'CAST(search_body AS BLOB)' : 'search_body';
  const document = asBytes ? 'CAST(doc AS BLOB)' : 'doc';
  const titles = new Map<number, RankingRow>();
  // Numbers the words of the titles kept: emptied with them, never while a search runs.
  const vocabulary = new TitleVocabulary();
  let seenVersion: unknown = null;

  // Whether the index holds a term at all: most alternatives a query adds (a stem with ال kept, one
  // without و) are in no article, and each term left in a query costs FTS5 a reader and bm25 a pass.
  const indexedTerms = new Map<string, boolean>();
  const isIndexed = (term: string) => {
    let indexed = indexedTerms.get(term);
    if (indexed === undefined) {
      indexed =
        one('SELECT 1 AS found FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1', ftsAnyTerm([term])) !==
        undefined;
      indexedTerms.set(term, indexed);
    }
    return indexed;
  };
  // A group keeps its first term, so that a word the index lacks still matches nothing.
  const indexedOnly = (groups: readonly string[][]) =>
    groups.map((group) => group.filter((term, index) => index === 0 || isIndexed(term)));

  /** Drops what is cached when another connection has committed since the last search. */
  const checkVersion = () => {
    const version = dataVersion.get();
    if (
      version !== seenVersion ||
      titles.size > MAX_CACHED_TITLES ||
      vocabulary.size > MAX_TITLE_WORDS ||
      indexedTerms.size > MAX_CACHED_TERMS ||
      hitStories.size > MAX_CACHED_STORIES
    ) {
      titles.clear();
      vocabulary.clear();
      indexedTerms.clear();
      hitStories.clear();
      seenVersion = version;
    }
  };

  // The stories of a page's hits as `pageStories` gives them, by story id; null for a story of one
  // (which has no row).
  const hitStories = new Map<string, PageStory | null>();
  const storiesOf = (rows: readonly { story_id: string | null }[]): Map<string, PageStory> => {
    const ids = [...new Set(rows.flatMap((row) => (row.story_id === null ? [] : [row.story_id])))];
    const missing = ids.filter((id) => !hitStories.has(id));
    if (missing.length > 0) {
      const found = pageStories(
        all<StoryMemberRow>(storiesMembersSql('(SELECT value FROM json_each(?))'), JSON.stringify(missing)),
      );
      for (const id of missing) hitStories.set(id, found.get(id) ?? null);
    }
    const stories = new Map<string, PageStory>();
    for (const id of ids) {
      const story = hitStories.get(id);
      if (story) stories.set(id, story);
    }
    return stories;
  };

  // What ranking keeps of an article, read for a query's hits or, warming, for the newest articles.
  const TITLE_COLUMNS = `seq, id, search_title, title, ${HIT_STORY_COLUMN}`;
  const keepTitles = (
    rows: readonly {
      seq: number;
      id: string;
      search_title: string;
      title: string;
      story_id: string | null;
    }[],
  ) => {
    for (const row of rows)
      titles.set(row.seq, {
        id: row.id,
        titleTerms: vocabulary.ids(titleTerms(row.search_title)),
        titleWords: vocabulary.ids(surfaceWords(row.title)),
        // An article without a story row yet stands for itself.
        story: row.story_id ?? row.id,
      });
  };
  const titlesOf = (hits: readonly { rowid: number }[]) => {
    const missing: number[] = [];
    for (const hit of hits) if (!titles.has(hit.rowid)) missing.push(hit.rowid);
    if (missing.length > 0) {
      keepTitles(
        all(
          `SELECT ${TITLE_COLUMNS} FROM articles WHERE seq IN (SELECT value FROM json_each(?))`,
          JSON.stringify(missing),
        ),
      );
    }
    return titles;
  };

  // Rank first on the small columns, then read the page's rows only. When more articles match than
  // the window holds, the newest `size` are ranked, and with them the newest `titledSize` whose title
  // matches the whole query: a reader looking for a headline finds it however many articles match.
  const windowHits = (match: string, rankText: boolean, size = RANKED_WINDOW, titledSize = TITLED_WINDOW) => {
    const rank = rankText ? `bm25(articles_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT})` : '0';
    const newest = all<{ rowid: number; rank: number }>(
      `SELECT rowid, ${rank} AS rank FROM articles_fts WHERE articles_fts MATCH ?
       ORDER BY rowid DESC LIMIT ${size}`,
      match,
    );
    const oldest = newest.at(-1);
    if (newest.length < size || !oldest || !rankText || titledSize === 0) return newest;
    const titledIds = all<{ rowid: number }>(
      `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid < ?
       ORDER BY rowid DESC LIMIT ${titledSize}`,
      `{search_title} : (${match})`,
      oldest.rowid,
    ).map((row) => row.rowid);
    if (titledIds.length === 0) return newest;
    // Ranked with the whole query, as the window is; the rowid range keeps FTS5 to that stretch.
    const titled = all<{ rowid: number; rank: number }>(
      `SELECT rowid, ${rank} AS rank FROM articles_fts
       WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))`,
      match,
      titledIds.at(-1),
      titledIds[0],
      JSON.stringify(titledIds),
    );
    return [...newest, ...titled];
  };

  return {
    forget() {
      titles.clear();
      vocabulary.clear();
      indexedTerms.clear();
      hitStories.clear();
    },

    warm(count) {
      guard(() => {
        checkVersion();
        keepTitles(
          all(
            `SELECT ${TITLE_COLUMNS} FROM articles ORDER BY seq DESC LIMIT ?`,
            Math.min(count, MAX_CACHED_TITLES),
          ),
        );
      });
    },

    related(id, limit) {
      const size = checkLimit(limit, DEFAULT_RELATED);
      return guard(() => {
        const self = one<{ seq: number; title: string; tags: string }>(
          'SELECT seq, title, tags FROM articles WHERE id = ?',
          id,
        );
        if (!self) return [];
        const byTags = all<SummaryColumns & { seq: number }>(
          `SELECT ${SUMMARY_COLUMNS}, seq FROM articles JOIN (
             SELECT other.article_seq, count(*) AS shared
             FROM article_tags AS mine JOIN article_tags AS other
               ON other.tag = mine.tag AND other.article_seq <> mine.article_seq
             WHERE mine.article_seq = ? GROUP BY other.article_seq
           ) AS sharing ON sharing.article_seq = articles.seq
           ORDER BY shared DESC, sort_at DESC, id DESC LIMIT ?`,
          self.seq,
          size,
        );
        const terms = similarityTerms(self.title, JSON.parse(self.tags) as string[]);
        if (byTags.length >= size || terms.length === 0) return byTags.map(toSummary);
        const taken = new Set([self.seq, ...byTags.map((row) => row.seq)]);
        const similar = all<SummaryColumns & { seq: number }>(
          `SELECT ${SUMMARY_COLUMNS}, seq FROM (
             SELECT rowid, bm25(articles_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS rank
             FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ${RANKED_WINDOW}
           ) AS hits JOIN articles ON articles.seq = hits.rowid ORDER BY rank, id LIMIT ?`,
          ftsAnyTerm(terms),
          size + taken.size,
        ).filter((row) => !taken.has(row.seq));
        return [...byTags, ...similar].slice(0, size).map(toSummary);
      });
    },

    search(query) {
      const limit = checkLimit(query.limit, DEFAULT_SEARCH_SIZE);
      const collapse = checkCollapse(query.collapse);
      const after = query.cursor === undefined ? null : decodeSearchCursor(query.cursor);
      const groups = queryGroups(query.q);
      if (groups.length === 0) return { items: [], nextCursor: null };
      const required = requiredGroups(groups);
      const words = surfaceWords(query.q);
      return guard(() => {
        checkVersion();
        const ranker = new CandidateRanker<number>(
          vocabulary,
          groups,
          SQLITE_TEXT_RANK_SCALE,
          words,
          collapse,
        );
        const seen = new Set<number>();
        const add = (hits: readonly { rowid: number; rank: number }[], missing: number) => {
          const known = titlesOf(hits);
          for (const hit of hits) {
            const title = known.get(hit.rowid);
            if (!title || seen.has(hit.rowid)) continue;
            seen.add(hit.rowid);
            ranker.add({
              seq: hit.rowid,
              id: title.id,
              titleTerms: title.titleTerms,
              titleWords: title.titleWords,
              story: title.story,
              // bm25 is lower for better matches.
              textRank: -hit.rank,
              missing,
            });
          }
        };
        const strict = windowHits(ftsAllGroups(indexedOnly(required.groups)), required.rankText);
        add(strict, 0);
        let ranked = ranker.ranked(after, limit + 1);
        if (relaxes(required, ranked.length, limit, after)) {
          for (const [index, level] of relaxedLevels(required.groups).entries()) {
            if (ranked.length > limit) break;
            const match = ftsAnySubset(level.map(indexedOnly));
            add(windowHits(match, true, RELAXED_WINDOW, 0), index + 1);
            ranked = ranker.ranked(after, limit + 1);
          }
        }
        // The documents come with the rows, for the highlights' paragraphs: reading the shadow body,
        // which is stored after the document, walks through the document's pages anyway.
        const rows = all<HitRow & { seq: number }>(
          `SELECT ${SUMMARY_COLUMNS}, seq, ${shadowBody} AS search_body, ${document} AS doc, ${HIT_STORY_COLUMN}
           FROM articles WHERE seq IN (SELECT value FROM json_each(?))`,
          JSON.stringify(ranked.slice(0, limit).map((hit) => hit.seq)),
        );
        const bySeq = new Map(rows.map((row) => [row.seq, row]));
        return searchPage(ranked, limit, bySeq, groups, storiesOf(rows));
      });
    },
  };
}
