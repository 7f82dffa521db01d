import type pg from 'pg';
import type { IntegrityReport } from '../types.ts';
import { classifyPostgresError } from './errors.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';

/** The tables the store reads, and the indexes the migrations create on them. */
const TABLES: readonly string[] = [
  'migrations',
  'articles',
  'article_tags',
  'article_stories',
  'stories',
  'story_band_runs',
  'story_band_state',
];
const INDEXES: readonly string[] = [
  'articles_pkey',
  'articles_id_key',
  'articles_slug_key',
  'articles_newest',
  'articles_agency',
  'articles_publisher',
  'articles_title_key',
  'articles_search',
  'articles_title_search',
  'articles_url',
  'article_tags_pkey',
  'article_tags_article',
  'article_stories_pkey',
  'article_stories_story',
  'article_stories_version',
  'stories_pkey',
  'stories_newest',
  'story_band_runs_pkey',
  'story_band_state_pkey',
];

interface Findings {
  problems: string[];
  skipped: string[];
}

/**
 * Checks the store's tables on one connection, inside a transaction that is rolled back: nothing is
 * left behind, not even the `amcheck` extension the full check may create for its own use.
 */
export async function checkPostgres(
  client: pg.PoolClient,
  depth: 'quick' | 'full',
  onProblem: (error: unknown) => void,
): Promise<IntegrityReport> {
  const findings: Findings = { problems: [], skipped: [] };
  await client.query('BEGIN');
  try {
    const present = await quickCheck(client, findings, onProblem);
    if (depth === 'full' && present) await fullCheck(client, findings, onProblem);
  } finally {
    await client.query('ROLLBACK');
  }
  return { depth, ok: findings.problems.length === 0, ...findings };
}

/**
 * Runs `sql` under a savepoint: a failure is returned and the transaction goes on, unless the server
 * stopped answering, which ends the check.
 */
async function attempt<T extends pg.QueryResultRow>(
  client: pg.PoolClient,
  sql: string,
  params: unknown[] = [],
): Promise<{ rows: T[] } | { error: Error & { code?: string } }> {
  await client.query('SAVEPOINT khabar_check');
  try {
    const { rows } = await client.query<T>(sql, params);
    await client.query('RELEASE SAVEPOINT khabar_check');
    return { rows };
  } catch (error) {
    if (classifyPostgresError(error) === 'unavailable') throw error;
    await client.query('ROLLBACK TO SAVEPOINT khabar_check');
    return { error: error as Error & { code?: string } };
  }
}

/** The schema is there at the version this Khabar knows, and each table answers a read. */
async function quickCheck(
  client: pg.PoolClient,
  findings: Findings,
  onProblem: (error: unknown) => void,
): Promise<boolean> {
  const { rows } = await client.query<{ name: string; found: boolean }>(
    'SELECT name, to_regclass(name) IS NOT NULL AS found FROM unnest($1::text[]) AS name',
    [[...TABLES, ...INDEXES]],
  );
  const missing = rows.filter((row) => !row.found).map((row) => row.name);
  const missingTables = TABLES.filter((table) => missing.includes(table));
  if (missingTables.length === TABLES.length) {
    findings.problems.push(
      'no Khabar tables in this schema (nothing was ever stored here, or the wrong schema)',
    );
    return false;
  }
  for (const name of missing) {
    findings.problems.push(`${TABLES.includes(name) ? 'table' : 'index'} ${name} is missing`);
  }
  if (missingTables.length > 0) return false;

  const known = Math.max(...POSTGRES_MIGRATIONS.map((migration) => migration.version));
  const versions = await attempt<{ version: number | null }>(
    client,
    'SELECT max(version) AS version FROM migrations',
  );
  if ('error' in versions) {
    report(findings, 'migrations', versions.error, onProblem);
  } else {
    const version = versions.rows[0]?.version ?? 0;
    if (version !== known) {
      findings.problems.push(
        version > known
          ? `the schema is at version ${version}, newer than this Khabar knows (${known})`
          : `the schema is at version ${version} of ${known}: opening the store to write applies the rest`,
      );
    }
  }
  for (const table of TABLES) {
    const read = await attempt(client, `SELECT * FROM ${table} LIMIT 1`);
    if ('error' in read) report(findings, `table ${table}`, read.error, onProblem);
  }
  return true;
}

/**
 * Every row read (amcheck's `verify_heapam` where it exists) and every B-tree index checked against
 * its table (`bt_index_check` with `heapallindexed`). Without amcheck, the tables are still read whole.
 */
async function fullCheck(
  client: pg.PoolClient,
  findings: Findings,
  onProblem: (error: unknown) => void,
): Promise<void> {
  const amcheck = await loadAmcheck(client);
  if (typeof amcheck === 'string') {
    findings.skipped.push(`index and page checks: ${amcheck}`);
    for (const table of TABLES) {
      // Reading each row's text whole makes PostgreSQL read and decompress every page of it.
      const read = await attempt(client, `SELECT sum(length(t::text)) FROM ${table} AS t`);
      if ('error' in read) report(findings, `table ${table}`, read.error, onProblem);
    }
    return;
  }
  const { rows: indexes } = await client.query<{ name: string; method: string }>(
    `SELECT index_class.relname AS name, method.amname AS method
     FROM pg_index AS ix
     JOIN pg_class AS index_class ON index_class.oid = ix.indexrelid
     JOIN pg_am AS method ON method.oid = index_class.relam
     WHERE ix.indrelid = ANY($1::regclass[])
     ORDER BY index_class.relname`,
    [[...TABLES]],
  );
  for (const table of TABLES) {
    if (!amcheck.heap) break;
    const verified = await attempt<{ blkno: string; offnum: number | null; msg: string }>(
      client,
      `SELECT blkno, offnum, msg FROM ${amcheck.schema}.verify_heapam($1::regclass, check_toast => true)`,
      [table],
    );
    if ('error' in verified) report(findings, `table ${table}`, verified.error, onProblem);
    else {
      for (const row of verified.rows) {
        findings.problems.push(
          `table ${table}, block ${row.blkno}${row.offnum === null ? '' : `, item ${row.offnum}`}: ${row.msg}`,
        );
      }
    }
  }
  if (!amcheck.heap)
    findings.skipped.push('table pages: this amcheck has no verify_heapam (PostgreSQL 14 or newer)');
  const others: string[] = [];
  for (const index of indexes) {
    if (index.method !== 'btree') {
      others.push(`${index.name} (${index.method})`);
      continue;
    }
    const checked = await attempt(client, `SELECT ${amcheck.schema}.bt_index_check($1::regclass, true)`, [
      index.name,
    ]);
    if ('error' in checked) report(findings, `index ${index.name}`, checked.error, onProblem);
  }
  if (others.length > 0) findings.skipped.push(`indexes amcheck cannot check here: ${others.join(', ')}`);
}

/** The schema amcheck's functions live in, creating the extension for this transaction if need be. */
async function loadAmcheck(client: pg.PoolClient): Promise<{ schema: string; heap: boolean } | string> {
  const created = await attempt(client, 'CREATE EXTENSION IF NOT EXISTS amcheck');
  if ('error' in created) {
    return `the amcheck extension is not available here (${created.error.message})`;
  }
  const { rows } = await client.query<{ schema: string; heap: boolean }>(
    `SELECT quote_ident(namespace.nspname) AS schema,
            EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'verify_heapam' AND pronamespace = namespace.oid) AS heap
     FROM pg_extension JOIN pg_namespace AS namespace ON namespace.oid = pg_extension.extnamespace
     WHERE extname = 'amcheck'`,
  );
  return rows[0] ?? 'the amcheck extension is not available here';
}

function report(
  findings: Findings,
  what: string,
  error: Error & { code?: string },
  onProblem: (error: unknown) => void,
): void {
  onProblem(error);
  findings.problems.push(`${what}: ${error.message}${error.code ? ` (SQLSTATE ${error.code})` : ''}`);
}
