// Ingest time, search latency and known-item search quality of both stores on SaudiNewsNet, rendered
// as text dumps and parsed as `khabar ingest` does. Each ingest runs in a process of its own, as
// `khabar ingest` would, so that neither store's ingest runs beside the other's heap; this process
// then opens the store it filled and searches it. `--limit N` takes the first N documents. What
// story detection adds to the ingest is measured by `story-cost.ts`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCorpus, renderCorpus } from '@khabar/corpus';
import type { Article } from '@khabar/schema';
import pg from 'pg';
import { type ArticleStore, createPostgresStore, createSqliteStore } from '../src/index.ts';
import { titleKey } from '../src/title-key.ts';
import { postgresArabic, rawFts5, type SearchSystem } from './baselines.ts';
import { percentile, quality, rankOf } from './metrics.ts';
import { type IngestTiming, ingestInChild, ingestTimed, parseInParallel } from './parallel-parse.ts';
import { knownItemQueries, latencyQueries } from './reader-queries.ts';

const BATCH = 500;
const QUERIES = 500;
const SEED = 20231018;

const { values } = parseArgs({
  // `pnpm bench -- --limit 300` passes the `--` along.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    limit: { type: 'string' },
    only: { type: 'string' },
    pg: { type: 'string' },
    // One ingest, in a child: the store kind, and the SQLite file or PostgreSQL schema to fill.
    child: { type: 'string' },
    into: { type: 'string' },
  },
});
const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
const pgUrl = values.pg ?? process.env.KHABAR_TEST_PG_URL;
const runSqlite = values.only === undefined || values.only === 'sqlite';
const runPostgres = (values.only === undefined || values.only === 'postgres') && pgUrl !== undefined;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const millis = (ms: number) => `${ms.toFixed(2)} ms`;

if (values.child !== undefined) {
  const texts = renderCorpus(loadCorpus()).slice(0, limit);
  const into = values.into as string;
  const store =
    values.child === 'sqlite'
      ? await createSqliteStore(into)
      : await createPostgresStore(pgUrl as string, { schema: into });
  try {
    process.stdout.write(`${JSON.stringify(await ingestTimed(store, texts, BATCH))}\n`);
  } finally {
    await store.close();
  }
  process.exit(0);
}

let started = performance.now();
const corpus = loadCorpus();
const loaded = performance.now() - started;
started = performance.now();
const texts = renderCorpus(corpus).slice(0, limit);
console.log(
  `corpus: ${texts.length} documents (load ${seconds(loaded)}, render ${seconds(performance.now() - started)}); ` +
    `${availableParallelism()} CPUs, load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`,
);

interface Ingested extends IngestTiming {
  articles: Map<string, Article>;
}

/**
 * Fills the store at `into` (a SQLite file or a PostgreSQL schema) in a child process, as `khabar
 * ingest` does (documents parsed on other threads, one batch written while the next is prepared),
 * timing the whole and the CPU time of all its threads; then parses the documents here, untimed, for
 * the queries that follow. The first ingest's articles serve the second.
 */
async function ingest(kind: 'sqlite' | 'postgres', into: string): Promise<Ingested> {
  const args = [fileURLToPath(import.meta.url), '--child', kind, '--into', into];
  if (values.limit !== undefined) args.push('--limit', values.limit);
  if (values.pg !== undefined) args.push('--pg', values.pg);
  const timing = ingestInChild(args);
  let articles = stored;
  if (articles === null) {
    articles = new Map<string, Article>();
    for await (const batch of parseInParallel(texts, BATCH)) {
      for (const article of batch) articles.set(article.id, article);
    }
  }
  return { ...timing, articles };
}

interface Latency {
  times: number[];
  /** CPU time of this process per search (a SQLite store's search threads included, a PostgreSQL server's not). */
  cpuMs: number;
}

async function latency(store: ArticleStore, queries: readonly string[]): Promise<Latency> {
  for (const q of queries.slice(0, 20)) await store.search({ q });
  const times: number[] = [];
  const cpuBefore = process.cpuUsage();
  for (const q of queries) {
    const begin = performance.now();
    await store.search({ q });
    times.push(performance.now() - begin);
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { times, cpuMs: (cpu.user + cpu.system) / 1000 / queries.length };
}

/**
 * A store's search as the known-item measure sees it: every matching article (`collapse: 'none'`), or
 * one hit per story (the default), a hit finding the known item when the item is one of its story's
 * outlets. The second shares the first's store, which only the first closes.
 */
function storeSystems(name: string, store: ArticleStore): SearchSystem[] {
  return [
    {
      name,
      search: async (q, size) =>
        (await store.search({ q, limit: size, collapse: 'none' })).items.map((hit) => hit.article.id),
      close: () => store.close(),
    },
    {
      name: `${name}, per story`,
      search: async (q, size) =>
        (await store.search({ q, limit: size })).items.map((hit) => [
          hit.article.id,
          ...hit.alsoIn.map((member) => member.id),
        ]),
      close: async () => {},
    },
  ];
}

const systems: SearchSystem[] = [];
let stored: Map<string, Article> | null = null;
const cleanups: (() => Promise<void>)[] = [];

/** What a store's stories came to: how many of two or more articles, and how many articles they hold. */
async function reportStories(name: string, store: ArticleStore): Promise<void> {
  const clusters = await store.storyClusters();
  const articles = clusters.reduce((sum, cluster) => sum + cluster.articles.length, 0);
  console.log(`${name}: ${clusters.length} stories of two or more articles, holding ${articles} articles`);
}

function report(name: string, result: Ingested, { times, cpuMs }: Latency) {
  console.log(
    `${name}: ingest ${texts.length} documents in ${seconds(result.wallMs)} (CPU ${seconds(result.cpuMs)}, ` +
      `${Math.round(texts.length / (result.wallMs / 1000))} documents/s), ${result.articles.size} distinct ids`,
  );
  console.log(
    `${name}: search over ${times.length} queries: p50 ${millis(percentile(times, 0.5))}, ` +
      `p95 ${millis(percentile(times, 0.95))}, max ${millis(Math.max(...times))}, CPU ${millis(cpuMs)} per search`,
  );
}

if (runSqlite) {
  const folder = mkdtempSync(join(tmpdir(), 'khabar-bench-'));
  cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));
  const path = join(folder, 'khabar.db');
  const result = await ingest('sqlite', path);
  const store = await createSqliteStore(path);
  await reportStories('SQLite', store);
  stored = result.articles;
  const queries = latencyQueries([...stored.values()], QUERIES, SEED);
  const searched = await latency(store, queries);
  report('SQLite', result, searched);
  systems.push(...storeSystems('Khabar on SQLite', store));
  cleanups.unshift(async () => {
    // Closing checkpoints the log into the file: its size is then the whole store.
    console.log(`SQLite: database file ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB`);
  });
}

if (runPostgres) {
  const schema = `khabar_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: pgUrl, options: `-c search_path=${schema}`, max: 2 });
  cleanups.push(async () => {
    const { rows } = await admin.query<{ size: string }>(
      `SELECT pg_size_pretty(pg_total_relation_size('articles') + pg_total_relation_size('article_tags') +
         pg_total_relation_size('article_stories') + pg_total_relation_size('stories') +
         pg_total_relation_size('story_band_runs')) AS size`,
    );
    console.log(`PostgreSQL: tables and indexes ${rows[0]?.size}`);
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });
  const result = await ingest('postgres', schema);
  const store = await createPostgresStore(pgUrl as string, { schema });
  await reportStories('PostgreSQL', store);
  stored ??= result.articles;
  await admin.query('ANALYZE');
  const queries = latencyQueries([...stored.values()], QUERIES, SEED);
  const searched = await latency(store, queries);
  report('PostgreSQL', result, searched);
  systems.push(...storeSystems('Khabar on PostgreSQL', store));
  systems.push(await postgresArabic(admin, [...stored.values()]));
}

if (stored) {
  const articles = [...stored.values()];
  systems.push(rawFts5(articles));
  // Articles sharing a title cannot be told apart by a title query: any of them is the known item.
  const byTitle = new Map<string, Set<string>>();
  for (const article of articles) {
    const key = titleKey(article.title);
    byTitle.set(key, (byTitle.get(key) ?? new Set()).add(article.id));
  }
  const queries = knownItemQueries(articles, QUERIES, SEED);
  console.log(`known-item search: ${queries.length} queries of 2-5 respelled title words (seed ${SEED})`);
  console.log(`  ${'system'.padEnd(40)} MRR@10  recall@10  no hit  p50`);
  for (const system of systems) {
    const ranks: number[] = [];
    const times: number[] = [];
    // Every query was written from a stored article: an empty answer is always a miss.
    let empty = 0;
    for (const { article, query } of queries) {
      const begin = performance.now();
      const ids = await system.search(query, 10);
      times.push(performance.now() - begin);
      if (ids.length === 0) empty++;
      ranks.push(rankOf(ids, byTitle.get(titleKey(article.title)) as Set<string>));
    }
    const { mrr, recall } = quality(ranks);
    console.log(
      `  ${system.name.padEnd(40)} ${mrr.toFixed(3)}   ${recall.toFixed(3)}      ${String(empty).padStart(6)}  ${millis(percentile(times, 0.5))}`,
    );
  }
}

for (const system of systems) await system.close();
for (const cleanup of cleanups) await cleanup();
