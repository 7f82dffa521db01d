import type { SourceCount, StoreStats, TagCount } from '@khabar/schema';
import { checkLimit, DEFAULT_COUNTS, MAX_COUNTS } from '../limits.ts';
import { Params } from './dialect.ts';
import type { Reader } from './read.ts';

/** The most used tags, with the number of articles of each; ties by tag. */
export async function tagCounts({ dialect, read }: Reader, limit?: number): Promise<TagCount[]> {
  const params = new Params(dialect);
  const size = params.add(checkLimit(limit, DEFAULT_COUNTS, MAX_COUNTS));
  return read<TagCount>(
    params.query(
      `SELECT tag, ${dialect.count('*')} AS count FROM article_tags GROUP BY tag
       ORDER BY count DESC, ${dialect.byCodePoint('tag')} ASC LIMIT ${size}`,
    ),
  );
}

/** The agencies and publishers credited most, with their numbers of articles; ties by name. */
export async function sourceCounts({ dialect, read }: Reader, limit?: number): Promise<SourceCount[]> {
  const params = new Params(dialect);
  const size = params.add(checkLimit(limit, DEFAULT_COUNTS, MAX_COUNTS));
  const count = dialect.count('*');
  return read<SourceCount>(
    params.query(
      `SELECT name, kind, count FROM (
         SELECT agency AS name, 'agency' AS kind, ${count} AS count
         FROM articles WHERE agency IS NOT NULL GROUP BY agency
         UNION ALL
         SELECT publisher, 'publisher', ${count} FROM articles WHERE publisher IS NOT NULL GROUP BY publisher
       ) AS credited ORDER BY count DESC, ${dialect.byCodePoint('name')} ASC, kind ASC LIMIT ${size}`,
    ),
  );
}

/** What the store holds: counts, and the dates of its earliest and latest dated articles. */
export async function storeStats({ dialect, read }: Reader): Promise<StoreStats> {
  const edge = (order: 'ASC' | 'DESC') =>
    `(SELECT published_at FROM articles WHERE sort_at <> '' ORDER BY sort_at ${order}, id ${order} LIMIT 1)`;
  const [stats] = await read<StoreStats>({
    sql: `SELECT
            (SELECT ${dialect.count('*')} FROM articles) AS articles,
            (SELECT ${dialect.count('DISTINCT tag')} FROM article_tags) AS tags,
            (SELECT ${dialect.count('DISTINCT agency')} FROM articles) AS agencies,
            (SELECT ${dialect.count('DISTINCT publisher')} FROM articles) AS publishers,
            ${edge('ASC')} AS earliest,
            ${edge('DESC')} AS latest`,
    params: [],
  });
  return stats as StoreStats;
}
