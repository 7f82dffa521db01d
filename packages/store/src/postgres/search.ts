import type { ArticleSummary, Page, SearchHit } from '@khabar/schema';
import type pg from 'pg';
import { decodeSearchCursor } from '../cursor.ts';
import { checkLimit, DEFAULT_RELATED, DEFAULT_SEARCH_SIZE } from '../limits.ts';
import { queryGroups, requiredGroups, tsAllGroups, tsAnyTerm } from '../query-terms.ts';
import { rankCandidates } from '../rank-candidates.ts';
import {
  BODY_WEIGHT,
  POSTGRES_TEXT_RANK_SCALE,
  RANKED_WINDOW,
  TITLE_WEIGHT,
  TITLED_WINDOW,
} from '../ranking.ts';
import { type HitRow, searchPage } from '../search-page.ts';
import { similarityTerms } from '../similarity-terms.ts';
import { SUMMARY_COLUMNS, type SummaryColumns, toSummary } from '../stored-row.ts';
import type { SearchQuery } from '../types.ts';

// ts_rank_cd weights are listed D, C, B, A: the title is A, the body B, in the SQLite store's ratio.
const RANK_WEIGHTS = `'{0, 0, ${BODY_WEIGHT / TITLE_WEIGHT}, 1}'`;

/** Runs one statement and returns its rows, with the store's error mapping. */
export type PostgresQuery = <T extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface PostgresSearch {
  search(query: SearchQuery): Promise<Page<SearchHit>>;
  /** Articles sharing tags with the one of `id`, then the most similar by text. */
  related(id: string, limit?: number): Promise<ArticleSummary[]>;
}

/** Full-text search over the `search_vector` column and its GIN index, and related articles found with it. */
export function postgresSearch(query: PostgresQuery): PostgresSearch {
  async function search(searchQuery: SearchQuery): Promise<Page<SearchHit>> {
    const limit = checkLimit(searchQuery.limit, DEFAULT_SEARCH_SIZE);
    const after = searchQuery.cursor === undefined ? null : decodeSearchCursor(searchQuery.cursor);
    const groups = queryGroups(searchQuery.q);
    if (groups.length === 0) return { items: [], nextCursor: null };
    // to_tsquery reads only the quoted lexemes built here: no syntax of the reader's gets through.
    const required = requiredGroups(groups);
    const rank = required.rankText
      ? `ts_rank_cd(${RANK_WEIGHTS}, articles.search_vector, to_tsquery('simple', $1))`
      : '0';
    // The newest RANKED_WINDOW matches and the newest TITLED_WINDOW whose title holds every word,
    // each with its text rank; the title score is added here, with the same code as SQLite's, and
    // the keyset applied to the result.
    const titled = required.rankText
      ? `UNION SELECT seq FROM (
           SELECT seq FROM articles WHERE to_tsvector('simple'::regconfig, search_title) @@ to_tsquery('simple', $1)
           ORDER BY seq DESC LIMIT ${TITLED_WINDOW}
         ) AS titled`
      : '';
    const candidates = await query<{ seq: string; id: string; search_title: string; rank: number }>(
      `WITH candidates AS (
         SELECT seq FROM (
           SELECT seq FROM articles WHERE search_vector @@ to_tsquery('simple', $1)
           ORDER BY seq DESC LIMIT ${RANKED_WINDOW}
         ) AS newest
         ${titled}
       )
       SELECT articles.seq, articles.id, articles.search_title, ${rank}::float8 AS rank
       FROM candidates JOIN articles ON articles.seq = candidates.seq`,
      [tsAllGroups(required.groups)],
    );
    const ranked = rankCandidates(
      candidates.map((hit) => ({
        seq: hit.seq,
        id: hit.id,
        searchTitle: hit.search_title,
        textRank: hit.rank,
      })),
      groups,
      POSTGRES_TEXT_RANK_SCALE,
      after,
      limit + 1,
    );
    const rows = await query<HitRow & { seq: string }>(
      `SELECT ${SUMMARY_COLUMNS}, seq, doc, search_body FROM articles WHERE seq = ANY($1::bigint[])`,
      [ranked.slice(0, limit).map((hit) => hit.seq)],
    );
    return searchPage(ranked, limit, new Map(rows.map((row) => [row.seq, row])), groups);
  }

  async function related(id: string, limit?: number): Promise<ArticleSummary[]> {
    const size = checkLimit(limit, DEFAULT_RELATED);
    const [self] = await query<{ seq: string; title: string; tags: string }>(
      'SELECT seq, title, tags FROM articles WHERE id = $1',
      [id],
    );
    if (!self) return [];
    const byTags = await query<SummaryColumns & { seq: string }>(
      `SELECT ${SUMMARY_COLUMNS}, seq FROM articles JOIN (
         SELECT other.article_seq, count(*) AS shared
         FROM article_tags AS mine JOIN article_tags AS other
           ON other.tag = mine.tag AND other.article_seq <> mine.article_seq
         WHERE mine.article_seq = $1 GROUP BY other.article_seq
       ) AS sharing ON sharing.article_seq = articles.seq
       ORDER BY shared DESC, sort_at DESC, id DESC LIMIT $2`,
      [self.seq, size],
    );
    const terms = similarityTerms(self.title, JSON.parse(self.tags) as string[]);
    if (byTags.length >= size || terms.length === 0) return byTags.map(toSummary);
    const taken = new Set([self.seq, ...byTags.map((row) => row.seq)]);
    const similar = await query<SummaryColumns & { seq: string }>(
      `WITH newest AS (
         SELECT seq FROM articles WHERE search_vector @@ to_tsquery('simple', $1)
         ORDER BY seq DESC LIMIT ${RANKED_WINDOW}
       )
       SELECT ${SUMMARY_COLUMNS}, articles.seq FROM newest JOIN articles ON articles.seq = newest.seq
       ORDER BY ts_rank_cd(${RANK_WEIGHTS}, search_vector, to_tsquery('simple', $1)) DESC, id ASC LIMIT $2`,
      [tsAnyTerm(terms), size + taken.size],
    );
    return [...byTags, ...similar.filter((row) => !taken.has(row.seq))].slice(0, size).map(toSummary);
  }

  return { search, related };
}
