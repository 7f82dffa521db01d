import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../test/test-io.ts';
import { run } from '../cli.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures/ingest/', import.meta.url));
let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'khabar-search-'));
  db = join(dir, 'k.db');
  await run(['ingest', fixtures, '--db', db], memoryIo().io);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('khabar search', () => {
  it('prints hits with the matched words marked, in any spelling', async () => {
    const { io, stdout } = memoryIo();
    expect(await run(['search', '--db', db, 'الامطار', 'الغزيره'], io)).toBe(0);
    const lines = stdout().split('\n');
    expect(lines[0]).toBe('1. [أمطار] [غزيرة] على المناطق الجنوبية');
    expect(lines[1]).toMatch(/^ {3}2024-02-12 · واس · أمطار-غزيرة-على-المناطق-الجنوبية-c069ae · score /);
    expect(lines[2]).toBe(
      '   هطلت [أمطار] [غزيرة] على المناطق الجنوبية صباح اليوم وتوقعت الأرصاد استمرارها يومين.',
    );
  });

  it('marks matches in bold on a terminal', async () => {
    const { io, stdout } = memoryIo();
    io.stdout.isTTY = true;
    await run(['search', '--db', db, 'التمور'], io);
    expect(stdout()).toContain('مهرجان \x1b[1mالتمور\x1b[22m السنوي');
  });

  it('says so when nothing matches', async () => {
    const { io, stdout } = memoryIo();
    expect(await run(['search', '--db', db, 'البطريق'], io)).toBe(0);
    expect(stdout()).toBe("no articles match 'البطريق'\n");
  });

  it('prints one JSON line for a query with --json', async () => {
    const { io, stdout } = memoryIo({ env: { KHABAR_DB: db } });
    expect(await run(['search', '--json', 'المدارس'], io)).toBe(0);
    const line = JSON.parse(stdout()) as { query: string; hits: Record<string, unknown>[] };
    expect(line.query).toBe('المدارس');
    expect(line.hits.map((hit) => Object.keys(hit))).toEqual([['id', 'slug', 'title', 'score']]);
    expect(line.hits[0]?.title).toBe('بدء التسجيل في المدارس للعام الجديد');
  });

  it('reads queries from standard input with --json, one line out per line in', async () => {
    const queries = ['مهرجان', '"; DROP TABLE articles; --', '', 'NEAR(المطار', 'المطار الحافلات'];
    const { io, stdout } = memoryIo({ stdin: `${queries.join('\n')}\n`, env: { KHABAR_DB: db } });
    expect(await run(['search', '--json', '--limit', '1'], io)).toBe(0);
    const lines = stdout()
      .trimEnd()
      .split('\n')
      .map((text) => JSON.parse(text) as { query: string; hits: { title: string }[] });
    expect(lines.map((line) => line.query)).toEqual(queries);
    // `NEAR(` is a word like any other: no article holds it, so the airport article comes as a match of
    // most of the query's words.
    expect(lines.map((line) => line.hits.map((hit) => hit.title))).toEqual([
      ['انطلاق مهرجان التمور السنوي'],
      [],
      [],
      ['افتتاح خط جديد للحافلات بين المطار ووسط المدينة'],
      ['افتتاح خط جديد للحافلات بين المطار ووسط المدينة'],
    ]);
  });

  it('refuses a SQLite file that is not there in one line, exit 1, creating nothing', async () => {
    const missing = join(dir, 'nonexistent', 'dir', 'x.db');
    const { io, stdout, stderr } = memoryIo();
    expect(await run(['search', '--db', missing, 'المطار'], io)).toBe(1);
    expect(stdout()).toBe('');
    expect(stderr()).toBe(
      `khabar: no store at ${missing} (nothing is created for a command that only reads; 'khabar ingest --db ${missing}' creates one)\n`,
    );
    expect(existsSync(join(dir, 'nonexistent'))).toBe(false);
  });

  it('refuses a missing query and a bad limit', async () => {
    for (const args of [[], ['--limit', '0', 'x'], ['--limit', 'ten', 'x'], ['--limit', '101', 'x']]) {
      const { io, stderr } = memoryIo();
      expect(await run(['search', '--db', db, ...args], io)).toBe(2);
      expect(stderr()).toMatch(/^khabar: search/);
    }
  });
});
