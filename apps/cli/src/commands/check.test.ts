import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testPostgresUrl } from '@khabar/devkit';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../test/test-io.ts';
import { run } from '../cli.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures/ingest/', import.meta.url));
const pgUrl = testPostgresUrl();

/** The test server's URL with `schema` first on the search path, as an operator would give it. */
function inSchema(schema: string): string {
  const url = new URL(pgUrl as string);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function admin(sql: string, params: unknown[] = []): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function check(args: string[]) {
  const { io, stdout, stderr } = memoryIo();
  const code = await run(['check', ...args], io);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('khabar check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a SQLite file that is not there with exit 3, creating nothing', async () => {
    const missing = join(dir, 'absent', 'k.db');
    const result = await check(['--db', missing]);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      `khabar: check: no store at ${missing} (nothing is created for a command that only reads; 'khabar ingest --db ${missing}' creates one)\n`,
    );
    expect(existsSync(join(dir, 'absent'))).toBe(false);
  });

  it('reports a server that does not answer with exit 3, in one line', async () => {
    const result = await check(['--db', 'postgres://khabar:s3cret@127.0.0.1:1/none']);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('store    postgres://khabar:***@127.0.0.1:1/none\n');
    expect(result.stderr).toMatch(/^khabar: check: PostgreSQL cannot answer: .*ECONNREFUSED.*\n$/);
    expect(result.stderr).not.toContain('s3cret');
  });

  it('refuses arguments it does not take as a usage error', async () => {
    expect((await check(['--db', join(dir, 'k.db'), 'extra'])).code).toBe(2);
    expect((await check(['--quick'])).code).toBe(2);
  });

  it('finds a SQLite store sound, then reports a damaged page line by line with exit 1, writing nothing', async () => {
    const db = join(dir, 'k.db');
    await run(['ingest', fixtures, '--db', db], memoryIo().io);
    expect(await check(['--db', db])).toEqual({
      code: 0,
      stdout: `store    ${db}\ncheck    quick (sqlite)\nresult   nothing damaged\n`,
      stderr: '',
    });
    // A page in the middle of the file overwritten, as a failing disk or a bad copy leaves one.
    const file = openSync(db, 'r+');
    writeSync(file, Buffer.alloc(4096, 0x41), 0, 4096, 3 * 4096);
    closeSync(file);
    const damaged = readFileSync(db);
    for (const args of [
      ['--db', db],
      ['--db', db, '--full'],
    ]) {
      const result = await check(args);
      expect(result.code).toBe(1);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines.filter((line) => line.startsWith('problem  ')).length).toBeGreaterThan(0);
      expect(lines.every((line) => /^(store|check|problem|skipped|result) +\S|^ {9}\S/.test(line))).toBe(
        true,
      );
      expect(lines.at(-1)).toMatch(/^result {3}damaged: \d+ problem\(s\)$/);
    }
    expect(readFileSync(db).equals(damaged)).toBe(true);
  });

  describe.runIf(pgUrl)('on PostgreSQL', () => {
    const schema = `khabar_cli_check_${randomBytes(5).toString('hex')}`;
    // The suite is still collected when it does not run: no URL is made without a server.
    const db = pgUrl === undefined ? '' : inSchema(schema);
    afterAll(() => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));

    it('finds a stored schema sound, quick and full, and exits 0', async () => {
      await admin(`CREATE SCHEMA ${schema}`);
      const ingest = memoryIo();
      await run(['ingest', fixtures, '--db', db], ingest.io);
      expect(ingest.stderr()).toMatch(/\badded [1-9]/);
      const quick = await check(['--db', db]);
      expect(quick).toEqual({
        code: 0,
        stdout: `store    ${db}\ncheck    quick (postgres)\nresult   nothing damaged\n`,
        stderr: '',
      });
      const full = await check(['--db', db, '--full']);
      expect(full.code).toBe(0);
      expect(full.stdout.split('\n')).toEqual([
        `store    ${db}`,
        'check    full (postgres)',
        'skipped  indexes amcheck cannot check here: articles_search (gin), articles_title_search (gin)',
        'result   nothing damaged',
        '',
      ]);
    });

    it('prints each problem and exits 1 when an index is gone', async () => {
      await admin(`DROP INDEX ${schema}.articles_title_key`);
      const result = await check(['--db', db]);
      expect(result.code).toBe(1);
      expect(result.stdout.split('\n').slice(1)).toEqual([
        'check    quick (postgres)',
        'problem  index articles_title_key is missing',
        'result   damaged: 1 problem(s)',
        '',
      ]);
    });

    it('creates nothing where no store is: a schema without tables is reported, not made', async () => {
      const empty = `khabar_cli_check_${randomBytes(5).toString('hex')}`;
      const result = await check(['--db', inSchema(empty)]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('problem  no Khabar tables in this schema');
      expect(await admin('SELECT 1 FROM pg_namespace WHERE nspname = $1', [empty])).toEqual([]);
    });
  });
});
