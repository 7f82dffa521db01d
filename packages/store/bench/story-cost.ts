// What story detection adds to the ingest of SaudiNewsNet, on each store: the corpus rendered as text
// dumps, parsed on other threads and stored in batches of 500 (as `khabar ingest` does), into a new
// store that keeps stories and into one that keeps none (`stories: false`, for this measure only).
// Every ingest runs in a process of its own, so that neither inherits the other's heap or caches, and
// the pairs alternate which goes first. Prints each ingest and, per store, the median of the pairs'
// ratios of wall time (the target) and of CPU time. `--pairs N` (default 5: on a noisy machine the
// median of three can stray far from the rest), `--limit N` the first N documents,
// `--only sqlite|postgres`; PostgreSQL runs when `KHABAR_TEST_PG_URL` (or `--pg <url>`) is set.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCorpus, renderCorpus } from '@khabar/corpus';
import pg from 'pg';
import { type ArticleStore, createPostgresStore, createSqliteStore } from '../src/index.ts';
import { type IngestTiming, ingestInChild, ingestTimed } from './parallel-parse.ts';

const BATCH = 500;

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    pairs: { type: 'string', default: '5' },
    limit: { type: 'string' },
    only: { type: 'string' },
    pg: { type: 'string' },
    // One ingest, in a child: the store kind, and whether it keeps stories.
    child: { type: 'string' },
    bare: { type: 'boolean' },
  },
});
const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
const pgUrl = values.pg ?? process.env.KHABAR_TEST_PG_URL;

async function ingestOnce(kind: string, stories: boolean): Promise<IngestTiming> {
  const texts = renderCorpus(loadCorpus()).slice(0, limit);
  let store: ArticleStore;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const folder = mkdtempSync(join(tmpdir(), 'khabar-story-cost-'));
    store = await createSqliteStore(join(folder, 'khabar.db'), { stories });
    cleanup = async () => rmSync(folder, { recursive: true, force: true });
  } else {
    const schema = `khabar_cost_${randomBytes(4).toString('hex')}`;
    store = await createPostgresStore(pgUrl as string, { schema, stories });
    cleanup = async () => {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    };
  }
  try {
    return await ingestTimed(store, texts, BATCH);
  } finally {
    await store.close();
    await cleanup();
  }
}

if (values.child !== undefined) {
  process.stdout.write(`${JSON.stringify(await ingestOnce(values.child, values.bare !== true))}\n`);
} else {
  const self = fileURLToPath(import.meta.url);
  const pairs = Number(values.pairs);
  const run = (kind: string, stories: boolean): IngestTiming => {
    const args = [self, '--child', kind, ...(stories ? [] : ['--bare'])];
    if (values.limit !== undefined) args.push('--limit', values.limit);
    if (values.pg !== undefined) args.push('--pg', values.pg);
    return ingestInChild(args);
  };
  const seconds = (timing: IngestTiming) =>
    `${(timing.wallMs / 1000).toFixed(1)} s (CPU ${(timing.cpuMs / 1000).toFixed(1)} s)`;
  const kinds = [
    ...(values.only === undefined || values.only === 'sqlite' ? ['sqlite'] : []),
    ...((values.only === undefined || values.only === 'postgres') && pgUrl !== undefined ? ['postgres'] : []),
  ];
  console.log(
    `story cost: ${pairs} pair${pairs === 1 ? '' : 's'} of ingests per store, each in its own process; load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`,
  );
  const percent = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(0)}%`;
  const median = (values: readonly number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] as number;
  for (const kind of kinds) {
    const ratios: number[] = [];
    const cpuRatios: number[] = [];
    for (let pair = 0; pair < pairs; pair++) {
      // Odd pairs ingest with stories first, so that neither side always runs on a warmer machine.
      const storiesFirst = pair % 2 === 1;
      const first = run(kind, storiesFirst);
      const second = run(kind, !storiesFirst);
      const [bare, withStories] = storiesFirst ? [second, first] : [first, second];
      const ratio = withStories.wallMs / bare.wallMs;
      const cpuRatio = withStories.cpuMs / bare.cpuMs;
      ratios.push(ratio);
      cpuRatios.push(cpuRatio);
      console.log(
        `  ${kind} pair ${pair + 1}: without stories ${seconds(bare)}, with stories ${seconds(withStories)}: ` +
          `${percent(ratio)} wall, ${percent(cpuRatio)} CPU`,
      );
    }
    const wall = median(ratios);
    const met = wall <= 1.2 ? 'met' : 'NOT met';
    // Where every core is busy, as in SQLite's ingest on two, the wall time follows the CPU time:
    // the CPU ratio is the steadier of the two, and says what a change to the story steps saved.
    console.log(
      `${kind}: stories add ${((wall - 1) * 100).toFixed(0)}% to the ingest (median; target ≤ 20%) ${met}; ` +
        `${percent(median(cpuRatios))} CPU (median)`,
    );
  }
}
