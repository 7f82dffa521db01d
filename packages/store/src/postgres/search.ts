import type { ArticleSummary, Page, SearchHit } from '@khabar/schema';
import type pg from 'pg';
import { decodeSearchCursor } from '../cursor.ts';
import { pageStories, type StoryMemberRow, storyMembersSql } from '../hit-stories.ts';
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
import { checkCollapse, HIT_STORY_COLUMN, type HitRow, searchPage } from '../search-page.ts';
import { similarityTerms } from '../similarity-terms.ts';
import { SUMMARY_COLUMNS, type SummaryColumns, toSummary } from '../stored-row.ts';
import { surfaceWords, TitleVocabulary, titleTerms } from '../title-score.ts';
import type { SearchQuery } from '../types.ts';
import { newestMatches, type RowSpread, windowPlan } from './search-window.ts';

// Rank weights are listed D, C, B, A: the title is A, the body B, in the SQLite store's ratio.
const RANK_WEIGHTS = `'{0, 0, ${BODY_WEIGHT / TITLE_WEIGHT}, 1}'`;

// How long what was read from the planner's statistics serves before being read again. The window
// plans it feeds are only faster or slower with stale numbers, never wrong (see `newestMatches`).
const STATISTICS_TTL_MS = 60_000;
// Titles whose words are kept for ranking; past this many the memory is given back and it starts again.
const MAX_CACHED_TITLES = 100_000;
// Titles read when search is warmed (see `ArticleStore.warm`): the newest, all of SaudiNewsNet's.
const WARM_TITLES = 50_000;

// A page's rows, and its stories with their other articles, by the hits' `seq`.
const PAGE_ROWS = `SELECT ${SUMMARY_COLUMNS}, seq, search_body, doc, ${HIT_STORY_COLUMN}
  FROM articles WHERE seq = ANY($1::bigint[])`;
const PAGE_STORIES = storyMembersSql('(SELECT unnest($1::bigint[]))');

/** What a search reads of the planner's statistics. */
interface SearchStatistics {
  /** The share of articles whose vector holds each common lexeme. */
  shares: ReadonlyMap<string, number>;
  /** The same for the titles' vectors (empty while their index is missing, as during a bulk load). */
  titleShares: ReadonlyMap<string, number>;
  spread: RowSpread;
}

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

/**
 * The candidates' ids and their titles as ranking takes them (the shadow title's terms and the title's
 * words, numbered by `vocabulary`), by row, with the row version (`xmin`) they were read from: the
 * windows give only each candidate's row, version and rank, and the titles of rows not held, or held
 * at another version, are read in one statement. Ranking meets the same titles (the newest
 * articles') search after search, and carrying them with every window took a sixth of its time.
 * Searches run concurrently: one that outgrows the bound starts a new cache for the searches after
 * it, and those still running keep the one they began with, whose numbers their rankers hold.
 */
class RankingTitles {
  readonly vocabulary = new TitleVocabulary();
  readonly #rows = new Map<string, RankingTitle>();

  /** How many titles it holds. */
  get size(): number {
    return this.#rows.size;
  }

  /** The rows of `hits` whose titles are not held at the version the hit names. */
  missing(hits: readonly WindowHit[]): string[] {
    const missing: string[] = [];
    for (const hit of hits) if (this.#rows.get(hit.seq)?.version !== hit.version) missing.push(hit.seq);
    return missing;
  }

  keep(rows: readonly TitleRow[]): void {
    for (const row of rows) {
      this.#rows.set(row.seq, {
        version: row.version,
        id: row.id,
        terms: this.vocabulary.ids(titleTerms(row.search_title)),
        words: this.vocabulary.ids(surfaceWords(row.title)),
      });
    }
  }

  /** The title of a row, as last read (a row updated since the window read it keeps its newer title). */
  get(seq: string): RankingTitle | undefined {
    return this.#rows.get(seq);
  }
}

interface RankingTitle {
  version: string;
  id: string;
  terms: Int32Array;
  words: Int32Array;
}

/** A candidate of a window: its row, the row's version, its text rank. */
interface WindowHit {
  seq: string;
  version: string;
  rank: number;
}

interface TitleRow {
  seq: string;
  version: string;
  id: string;
  title: string;
  search_title: string;
}

// What ranking reads of a row (see `RankingTitles`), by row and in `warm` for the newest.
const TITLE_COLUMNS = 'seq, xmin::text AS version, id, title, search_title';
const RANKING_TITLES = `SELECT ${TITLE_COLUMNS} FROM articles WHERE seq = ANY($1::bigint[])`;

/**
 * Runs one statement and returns its rows, with the store's error mapping. A statement given a `name`
 * is prepared once per connection and its plan kept: only for statements whose text never changes and
 * whose best plan does not depend on their parameters.
 */
export type PostgresQuery = <T extends pg.QueryResultRow>(
  sql: string,
  params?: unknown[],
  name?: string,
) => Promise<T[]>;

export interface PostgresSearch {
  search(query: SearchQuery): Promise<Page<SearchHit>>;
  /** Reads the statistics search windows are planned from (see `ArticleStore.warm`). */
  warm(): Promise<void>;
  /** Articles sharing tags with the one of `id`, then the most similar by text. */
  related(id: string, limit?: number): Promise<ArticleSummary[]>;
}

/** Full-text search over the `search_vector` column and its GIN index, and related articles found with it. */
export function postgresSearch(query: PostgresQuery): PostgresSearch {
  let statistics: { read: Promise<SearchStatistics | null>; readAt: number } | null = null;
  let rankingTitles = new RankingTitles();

  /** What the planner's statistics say of the articles, or null before any ANALYZE. */
  function searchStatistics(): Promise<SearchStatistics | null> {
    const now = performance.now();
    if (statistics && now - statistics.readAt < STATISTICS_TTL_MS) return statistics.read;
    // The title index's statistics are those of its expression, named after the function.
    const read = query<{
      newest: string | null;
      rows: number;
      source: string | null;
      lexemes: string[] | null;
      shares: number[] | null;
    }>(
      `SELECT (SELECT max(seq) FROM articles)::text AS newest,
         (SELECT reltuples FROM pg_class WHERE oid = 'articles'::regclass)::float8 AS rows,
         stats.tablename AS source, stats.most_common_elems::text::text[] AS lexemes,
         stats.most_common_elem_freqs AS shares
       FROM (SELECT 1) AS one LEFT JOIN pg_stats AS stats
         ON stats.schemaname = current_schema()
         AND (stats.tablename, stats.attname) IN
           (('articles', 'search_vector'), ('articles_title_search', 'to_tsvector'))`,
    ).then((rows) => {
      const sharesOf = (source: string) => {
        const row = rows.find((candidate) => candidate.source === source);
        if (!row?.lexemes || !row.shares) return null;
        const { shares: frequencies } = row;
        return new Map(row.lexemes.map((lexeme, index) => [lexeme, frequencies[index] ?? 0]));
      };
      const shares = sharesOf('articles');
      const newestSeq = Number(rows[0]?.newest ?? 0);
      if (shares === null || newestSeq <= 0) return null;
      const density = Math.min(1, Math.max(0, rows[0]?.rows ?? 0) / newestSeq);
      if (density === 0) return null;
      return {
        shares,
        titleShares: sharesOf('articles_title_search') ?? new Map(),
        spread: { newestSeq, density },
      };
    });
    statistics = { read, readAt: now };
    // A failed read is tried again by the next search.
    read.catch(() => {
      statistics = null;
    });
    return read;
  }

  /**
   * The newest `size` articles matching every group of one of the subsets, and the newest
   * `titledSize` whose title does, each with its text rank. Which way the newest matches
   * are found depends on how many there are likely to be (see `windowPlan`); the titles always come
   * from their GIN index, as walking the rows would compute each title's vector.
   */
  async function windowHits(
    subsets: readonly string[][][],
    rankText: boolean,
    size = RANKED_WINDOW,
    titledSize = TITLED_WINDOW,
  ) {
    const tsquery = tsAnySubset(subsets);
    const stats = await searchStatistics();
    const likely = (shares: ReadonlyMap<string, number> | undefined) =>
      shares === undefined ? null : matchShare(subsets, shares);
    const newest = newestMatches(
      'newest',
      `search_vector @@ to_tsquery('simple', $1)`,
      windowPlan(likely(stats?.shares), stats?.spread ?? null, size),
      size,
    );
    // ts_rank weighs how often the words occur, as SQLite's bm25 does. ts_rank_cd, which weighs how
    // close they stand, cost four times as much on a relaxed level's OR of word subsets (39 µs a row
    // against 10) and found the known items of store.bench.ts no better (MRR@10 0.932 against 0.933).
    const rank = rankText
      ? `ts_rank(${RANK_WEIGHTS}, articles.search_vector, to_tsquery('simple', $1))`
      : '0';
    // Only when the newest window is full, and only older than it, as in SQLite (a newer title match is
    // in the window already): the conditions are evaluated once, and when the first fails the titles'
    // index is not read at all. `seq + 0` keeps the primary key out of it: "older than the window" is
    // nearly the whole table, and joining its bitmap to the titles' cost 1.5 ms a common word.
    const titled =
      rankText && titledSize > 0
        ? newestMatches(
            'titled',
            `to_tsvector('simple'::regconfig, search_title) @@ to_tsquery('simple', $1)
             AND (SELECT count(*) FROM newest) = ${size} AND seq + 0 < (SELECT min(seq) FROM newest)`,
            windowPlan(likely(stats?.titleShares), stats?.spread ?? null, titledSize, false),
            titledSize,
          )
        : null;
    return query<WindowHit>(
      `WITH ${newest}, ${titled === null ? '' : `${titled}, `}candidates AS (
         SELECT seq FROM newest
         ${titled === null ? '' : 'UNION SELECT seq FROM titled'}
       )
       SELECT articles.seq, articles.xmin::text AS version, ${rank}::float8 AS rank
       FROM candidates JOIN articles ON articles.seq = candidates.seq`,
      [tsquery],
    );
  }

  async function search(searchQuery: SearchQuery): Promise<Page<SearchHit>> {
    const limit = checkLimit(searchQuery.limit, DEFAULT_SEARCH_SIZE);
    const collapse = checkCollapse(searchQuery.collapse);
    const after = searchQuery.cursor === undefined ? null : decodeSearchCursor(searchQuery.cursor);
    const groups = queryGroups(searchQuery.q);
    if (groups.length === 0) return { items: [], nextCursor: null };
    // to_tsquery reads only the quoted lexemes built here: no syntax of the reader's gets through.
    const required = requiredGroups(groups);
    const words = surfaceWords(searchQuery.q);
    if (rankingTitles.size >= MAX_CACHED_TITLES) rankingTitles = new RankingTitles();
    const titles = rankingTitles;
    const ranker = new CandidateRanker<string>(
      titles.vocabulary,
      groups,
      POSTGRES_TEXT_RANK_SCALE,
      words,
      collapse,
    );
    const seen = new Set<string>();
    const add = async (hits: readonly WindowHit[], missing: number) => {
      const unread = titles.missing(hits);
      if (unread.length > 0)
        titles.keep(await query<TitleRow>(RANKING_TITLES, [unread], 'khabar_ranking_titles'));
      for (const hit of hits) {
        const title = titles.get(hit.seq);
        // A row the window read and the titles' read no longer found (deleted in between) is left out.
        if (title === undefined || seen.has(hit.seq)) continue;
        seen.add(hit.seq);
        ranker.add({
          seq: hit.seq,
          id: title.id,
          titleTerms: title.terms,
          titleWords: title.words,
          textRank: hit.rank,
          missing,
        });
      }
    };
    // The stories of the hits that decide the page, read once they are ranked: a window holds
    // hundreds of candidates, and reading each one's story cost a quarter of the window's reads.
    const rankedPage = async () => {
      for (;;) {
        const wanted = ranker.storiesWanted(after, limit + 1);
        if (wanted.length === 0) return ranker.ranked(after, limit + 1);
        const stories = await query<{ seq: string; story_id: string }>(
          'SELECT article_seq AS seq, story_id FROM article_stories WHERE article_seq = ANY($1::bigint[])',
          [wanted],
          'khabar_hit_stories',
        );
        ranker.setStories(wanted, new Map(stories.map((row) => [row.seq, row.story_id])));
      }
    };
    // The title score is added here, with the same code as SQLite's, and the keyset applied to the result.
    const strict = await windowHits([required.groups], required.rankText);
    await add(strict, 0);
    let ranked = await rankedPage();
    if (relaxes(required, ranked.length, limit, after)) {
      for (const [index, level] of relaxedLevels(required.groups).entries()) {
        if (ranked.length > limit) break;
        await add(await windowHits(level, true, RELAXED_WINDOW, 0), index + 1);
        ranked = await rankedPage();
      }
    }
    const pageSeqs = ranked.slice(0, limit).map((hit) => hit.seq);
    // The stored documents, for the highlights' paragraphs: `searchPage` cuts them out in microseconds,
    // where the server's json type took 1 ms of its time for a page of ten.
    // The stories of the page are read at the same time, on another connection.
    const [rows, members] = await Promise.all([
      query<HitRow & { seq: string }>(PAGE_ROWS, [pageSeqs], 'khabar_search_page'),
      pageSeqs.length === 0 ? [] : query<StoryMemberRow>(PAGE_STORIES, [pageSeqs], 'khabar_search_stories'),
    ]);
    const bySeq = new Map(rows.map((row) => [row.seq, row]));
    return searchPage(ranked, limit, bySeq, groups, pageStories(members));
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

  return {
    search,
    related,
    async warm() {
      // The titles ranking needs of the newest articles, where most windows are, read in one statement
      // rather than window by window as queries first meet them (as SQLite's search threads do).
      const [newest] = await Promise.all([
        query<TitleRow>(`SELECT ${TITLE_COLUMNS} FROM articles ORDER BY seq DESC LIMIT $1`, [WARM_TITLES]),
        searchStatistics(),
      ]);
      if (rankingTitles.size + newest.length > MAX_CACHED_TITLES) rankingTitles = new RankingTitles();
      rankingTitles.keep(newest);
    },
  };
}
