import type { ArticleSummary, Page, SearchHit } from '@khabar/schema';
import type pg from 'pg';
import { decodeSearchCursor } from '../cursor.ts';
import { checkLimit, DEFAULT_RELATED, DEFAULT_SEARCH_SIZE } from '../limits.ts';
import {
  queryGroups,
  relaxedLevels,
  relaxes,
  requiredGroups,
  tsAnySubset,
  tsAnyTerm,
} from '../query-terms.ts';
import { CandidateRanker } from '../rank-candidates.ts';
import {
  BODY_WEIGHT,
  POSTGRES_TEXT_RANK_SCALE,
  RANKED_WINDOW,
  RELAXED_WINDOW,
  TITLE_WEIGHT,
  TITLED_WINDOW,
} from '../ranking.ts';
import { type HitRow, paragraphKey, paragraphsToRead, searchPage } from '../search-page.ts';
import { similarityTerms } from '../similarity-terms.ts';
import { SUMMARY_COLUMNS, type SummaryColumns, toSummary } from '../stored-row.ts';
import { surfaceWords } from '../title-score.ts';
import type { SearchQuery } from '../types.ts';

// ts_rank_cd weights are listed D, C, B, A: the title is A, the body B, in the SQLite store's ratio.
const RANK_WEIGHTS = `'{0, 0, ${BODY_WEIGHT / TITLE_WEIGHT}, 1}'`;

/**
 * A window whose matches are likely at least this share of the articles is read newest row first: a
 * few hundred rows hold it. Below this share the matches come from the GIN index and the newest are
 * kept, because reading rows newest first tests each row's vector (read from TOAST), and a word few of
 * the newest articles hold would walk thousands of rows: the tail of search latency. Matching 20% of
 * 31,000 articles, both ways take about 5 ms; at 8% (عيد) the walk took 37 ms and the index 2 ms,
 * at 93% (من) 1 ms and 15 ms.
 */
const WALK_SHARE = 0.2;
// How long the lexeme shares read from the planner's statistics serve before being read again.
const STATISTICS_TTL_MS = 60_000;

/**
 * The likely share of articles matching every group of one of the subsets: a group's share is the sum
 * of its terms' (a lexeme missing from the statistics is rarer than any listed: taken as none), words
 * are taken as independent, as the planner does, and the subsets' shares add up.
 */
export function matchShare(subsets: readonly string[][][], shares: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const subset of subsets) {
    let share = 1;
    for (const group of subset) {
      share *= Math.min(
        1,
        group.reduce((sum, term) => sum + (shares.get(term) ?? 0), 0),
      );
    }
    total += share;
  }
  return Math.min(1, total);
}

/** Runs one statement and returns its rows, with the store's error mapping. */
export type PostgresQuery = <T extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface PostgresSearch {
  search(query: SearchQuery): Promise<Page<SearchHit>>;
  /** Articles sharing tags with the one of `id`, then the most similar by text. */
  related(id: string, limit?: number): Promise<ArticleSummary[]>;
}

/** Full-text search over the `search_vector` column and its GIN index, and related articles found with it. */
export function postgresSearch(query: PostgresQuery): PostgresSearch {
  let statistics: { shares: Promise<Map<string, number> | null>; readAt: number } | null = null;

  /** The share of articles holding each common lexeme, from the planner's statistics, or null before any ANALYZE. */
  function lexemeShares(): Promise<Map<string, number> | null> {
    const now = performance.now();
    if (statistics && now - statistics.readAt < STATISTICS_TTL_MS) return statistics.shares;
    const shares = query<{ lexemes: string[] | null; shares: number[] | null }>(
      `SELECT most_common_elems::text::text[] AS lexemes, most_common_elem_freqs AS shares FROM pg_stats
       WHERE schemaname = current_schema() AND tablename = 'articles' AND attname = 'search_vector'`,
    ).then(([row]) => {
      if (!row?.lexemes || !row.shares) return null;
      const { shares: frequencies } = row;
      return new Map(row.lexemes.map((lexeme, index) => [lexeme, frequencies[index] ?? 0]));
    });
    statistics = { shares, readAt: now };
    // A failed read is tried again by the next search.
    shares.catch(() => {
      statistics = null;
    });
    return shares;
  }

  /**
   * The newest `size` articles matching every group of one of the subsets, and the newest
   * `titledSize` whose title does, each with its text rank. Which way the newest matches are found
   * depends on how many there are likely to be (see WALK_SHARE); the titles always come from their
   * GIN index, as few articles share a title word and the other way computes each title's vector.
   */
  async function windowHits(
    subsets: readonly string[][][],
    rankText: boolean,
    size = RANKED_WINDOW,
    titledSize = TITLED_WINDOW,
  ) {
    const tsquery = tsAnySubset(subsets);
    const shares = await lexemeShares();
    const walk = shares === null || matchShare(subsets, shares) >= WALK_SHARE;
    const rank = rankText
      ? `ts_rank_cd(${RANK_WEIGHTS}, articles.search_vector, to_tsquery('simple', $1))`
      : '0';
    // Ordering by an expression no index provides makes the planner gather the matches first.
    // Only when the newest window is full, as in SQLite: the condition is evaluated once, and when it
    // fails the titles' index is not read at all.
    const titled =
      rankText && titledSize > 0
        ? `UNION SELECT seq FROM (
           SELECT seq FROM articles
           WHERE to_tsvector('simple'::regconfig, search_title) @@ to_tsquery('simple', $1)
             AND (SELECT count(*) FROM newest) = ${size}
           ORDER BY seq + 0 DESC LIMIT ${titledSize}
         ) AS titled`
        : '';
    return query<{ seq: string; id: string; title: string; search_title: string; rank: number }>(
      `WITH newest AS MATERIALIZED (
         SELECT seq FROM articles WHERE search_vector @@ to_tsquery('simple', $1)
         ORDER BY ${walk ? 'seq' : 'seq + 0'} DESC LIMIT ${size}
       ), candidates AS (
         SELECT seq FROM newest
         ${titled}
       )
       SELECT articles.seq, articles.id, articles.title, articles.search_title, ${rank}::float8 AS rank
       FROM candidates JOIN articles ON articles.seq = candidates.seq`,
      [tsquery],
    );
  }

  async function search(searchQuery: SearchQuery): Promise<Page<SearchHit>> {
    const limit = checkLimit(searchQuery.limit, DEFAULT_SEARCH_SIZE);
    const after = searchQuery.cursor === undefined ? null : decodeSearchCursor(searchQuery.cursor);
    const groups = queryGroups(searchQuery.q);
    if (groups.length === 0) return { items: [], nextCursor: null };
    // to_tsquery reads only the quoted lexemes built here: no syntax of the reader's gets through.
    const required = requiredGroups(groups);
    const words = surfaceWords(searchQuery.q);
    const ranker = new CandidateRanker<string>(groups, POSTGRES_TEXT_RANK_SCALE, words);
    const seen = new Set<string>();
    const add = (hits: Awaited<ReturnType<typeof windowHits>>, missing: number) => {
      for (const hit of hits) {
        if (seen.has(hit.seq)) continue;
        seen.add(hit.seq);
        ranker.add({
          seq: hit.seq,
          id: hit.id,
          searchTitle: hit.search_title,
          titleWords: surfaceWords(hit.title),
          textRank: hit.rank,
          missing,
        });
      }
    };
    // The title score is added here, with the same code as SQLite's, and the keyset applied to the result.
    const strict = await windowHits([required.groups], required.rankText);
    add(strict, 0);
    let ranked = ranker.ranked(after, limit + 1);
    if (relaxes(required, ranked.length, limit, after)) {
      for (const [index, level] of relaxedLevels(required.groups).entries()) {
        if (ranked.length > limit) break;
        add(await windowHits(level, true, RELAXED_WINDOW, 0), index + 1);
        ranked = ranker.ranked(after, limit + 1);
      }
    }
    // The body alone, as JSON text: the highlights need a paragraph or two of it, never the whole document.
    const rows = await query<HitRow & { seq: string; body: string }>(
      `SELECT ${SUMMARY_COLUMNS}, seq, search_body, (doc::json -> 'body')::text AS body
       FROM articles WHERE seq = ANY($1::bigint[])`,
      [ranked.slice(0, limit).map((hit) => hit.seq)],
    );
    const bySeq = new Map(rows.map((row) => [row.seq, row]));
    const paragraphs = new Map<string, string>();
    const bodies = new Map<string, string[]>();
    for (const { seq, index } of paragraphsToRead(bySeq, groups)) {
      let body = bodies.get(seq);
      if (!body) {
        body = JSON.parse(bySeq.get(seq)?.body ?? '[]') as string[];
        bodies.set(seq, body);
      }
      const text = body[index];
      if (text !== undefined) paragraphs.set(paragraphKey(seq, index), text);
    }
    return searchPage(ranked, limit, bySeq, groups, paragraphs);
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
