import type { ArticleSummary, Page, SearchHit } from '@khabar/schema';
import type Database from 'better-sqlite3';
import { decodeSearchCursor } from '../cursor.ts';
import { checkLimit, DEFAULT_RELATED, DEFAULT_SEARCH_SIZE } from '../limits.ts';
import { ftsAllGroups, ftsAnyTerm, queryGroups, requiredGroups } from '../query-terms.ts';
import { rankCandidates } from '../rank-candidates.ts';
import {
  BODY_WEIGHT,
  RANKED_WINDOW,
  SQLITE_TEXT_RANK_SCALE,
  TITLE_WEIGHT,
  TITLED_WINDOW,
} from '../ranking.ts';
import { type HitRow, searchPage } from '../search-page.ts';
import { similarityTerms } from '../similarity-terms.ts';
import { SUMMARY_COLUMNS, type SummaryColumns, toSummary } from '../stored-row.ts';
import type { SearchQuery } from '../types.ts';
import { guard, statements } from './connection.ts';

// Titles kept for ranking; past this many the memory is given back and the cache starts again.
const MAX_CACHED_TITLES = 200_000;

export interface SqliteSearch {
  search(query: SearchQuery): Page<SearchHit>;
  /** Articles sharing tags with the one of `id`, then the most similar by text (bm25 over its title and tags). */
  related(id: string, limit?: number): ArticleSummary[];
  /** Drops what was cached about stored articles: the connection itself changed them. */
  forget(): void;
}

/**
 * Full-text search, and the related articles found with it, on one connection. Ranking reads the id and shadow title of a few hundred matching
 * rows per query, and the same rows again and again (the newest articles holding common words); these
 * are kept in memory while the database is unchanged. Other connections' commits show in SQLite's
 * `data_version`, which is read before each search; the connection's own writes call `forget`.
 */
export function sqliteSearch(db: Database.Database): SqliteSearch {
  const { all, one, prepare } = statements(db);
  const dataVersion = prepare('PRAGMA data_version').pluck();
  const titles = new Map<number, { id: string; searchTitle: string }>();
  let seenVersion: unknown = null;

  const titlesOf = (seqs: readonly number[]) => {
    const version = dataVersion.get();
    if (version !== seenVersion || titles.size > MAX_CACHED_TITLES) {
      titles.clear();
      seenVersion = version;
    }
    const missing = seqs.filter((seq) => !titles.has(seq));
    if (missing.length > 0) {
      const rows = all<{ seq: number; id: string; search_title: string }>(
        'SELECT seq, id, search_title FROM articles WHERE seq IN (SELECT value FROM json_each(?))',
        JSON.stringify(missing),
      );
      for (const row of rows) titles.set(row.seq, { id: row.id, searchTitle: row.search_title });
    }
    return titles;
  };

  return {
    forget() {
      titles.clear();
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
      const after = query.cursor === undefined ? null : decodeSearchCursor(query.cursor);
      const groups = queryGroups(query.q);
      if (groups.length === 0) return { items: [], nextCursor: null };
      const required = requiredGroups(groups);
      const rank = required.rankText ? `bm25(articles_fts, ${TITLE_WEIGHT}, ${BODY_WEIGHT})` : '0';
      const match = ftsAllGroups(required.groups);
      // Rank first on the small columns, then read the documents of the page only. When more articles
      // match than the window holds, the newest ones are ranked, and with them the newest whose title
      // holds every word: a reader looking for a headline finds it however many articles match.
      return guard(() => {
        const newest = all<{ rowid: number; rank: number }>(
          `SELECT rowid, ${rank} AS rank FROM articles_fts WHERE articles_fts MATCH ?
           ORDER BY rowid DESC LIMIT ${RANKED_WINDOW}`,
          match,
        );
        const oldest = newest.at(-1);
        const titledIds =
          newest.length === RANKED_WINDOW && oldest && required.rankText
            ? all<{ rowid: number }>(
                `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid < ?
                 ORDER BY rowid DESC LIMIT ${TITLED_WINDOW}`,
                `{search_title} : (${match})`,
                oldest.rowid,
              ).map((row) => row.rowid)
            : [];
        // Ranked with the whole query, as the window is; the rowid range keeps FTS5 to that stretch.
        const titled =
          titledIds.length > 0
            ? all<{ rowid: number; rank: number }>(
                `SELECT rowid, ${rank} AS rank FROM articles_fts
                 WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN (SELECT value FROM json_each(?))`,
                match,
                titledIds.at(-1),
                titledIds[0],
                JSON.stringify(titledIds),
              )
            : [];
        const hits = [...newest, ...titled];
        const known = titlesOf(hits.map((hit) => hit.rowid));
        // bm25 is lower for better matches.
        const candidates = hits.flatMap((hit) => {
          const title = known.get(hit.rowid);
          return title ? [{ seq: hit.rowid, ...title, textRank: -hit.rank }] : [];
        });
        const ranked = rankCandidates(candidates, groups, SQLITE_TEXT_RANK_SCALE, after, limit + 1);
        const rows = all<HitRow & { seq: number }>(
          `SELECT ${SUMMARY_COLUMNS}, seq, doc, search_body FROM articles WHERE seq IN (SELECT value FROM json_each(?))`,
          JSON.stringify(ranked.slice(0, limit).map((hit) => hit.seq)),
        );
        return searchPage(ranked, limit, new Map(rows.map((row) => [row.seq, row])), groups);
      });
    },
  };
}
