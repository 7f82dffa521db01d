import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { type ArticleStore, openStore, StoreError } from '@khabar/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryIo } from '../../test/test-io.ts';
import { run } from '../cli.ts';
import { compactAfterBulk } from './ingest.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures/ingest/', import.meta.url));
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'khabar-ingest-'));
  cpSync(fixtures, join(dir, 'docs'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function storedTitles(location: string): Promise<string[]> {
  const store = await openStore(location);
  try {
    return (await store.list({ limit: 100 })).items.map((item) => item.title).sort();
  } finally {
    await store.close();
  }
}

describe('khabar ingest', () => {
  it('stores the text dumps and JSON articles of a directory and reports each failure', async () => {
    const { io, stdout, stderr } = memoryIo({ cwd: dir });
    expect(await run(['ingest', 'docs', '--db', 'out/k.db'], io)).toBe(1);
    const lines = stdout().split('\n');
    expect(lines[0]).toBe(`${join(dir, 'out/k.db')}: added 4, updated 0, unchanged 0, failed 4`);
    expect(lines.slice(1, 5)).toEqual([
      `  failed ${join('docs', 'b-articles.json')}#2: The JSON is not a valid article: title: Too small: expected string to have >=1 characters`,
      `  failed ${join('docs', 'c-articles.jsonl')}:2: The document is not valid JSON: ${jsonError('{"id": "not json')}`,
      `  failed ${join('docs', 'c-articles.jsonl')}:3: The JSON is not a valid article: lost.txt was not parsed: The input is empty.`,
      `  failed ${join('docs', 'empty.txt')}: The input is empty.`,
    ]);
    expect(stderr()).toContain('4/4 files: added 4, updated 0, unchanged 0, failed 4');
    expect(await storedTitles(join(dir, 'out/k.db'))).toEqual([
      'أمطار غزيرة على المناطق الجنوبية',
      'افتتاح خط جديد للحافلات بين المطار ووسط المدينة',
      'انطلاق مهرجان التمور السنوي',
      'بدء التسجيل في المدارس للعام الجديد',
    ]);
  });

  it('leaves a store it filled with its full-text index in one segment, however small its batches', async () => {
    const segments = (file: string) => {
      const db = new DatabaseSync(file, { readOnly: true });
      try {
        return Number(db.prepare('SELECT count(DISTINCT segid) AS n FROM articles_fts_idx').get()?.n);
      } finally {
        db.close();
      }
    };
    const first = memoryIo({ cwd: dir });
    expect(await run(['ingest', 'docs', '--db', 'k.db', '--batch', '1'], first.io)).toBe(1);
    expect(segments(join(dir, 'k.db'))).toBe(1);
  });

  it('compacts only after writing a tenth of the store, and only warns when compaction fails', async () => {
    const compactions: string[] = [];
    const storeOf = (articles: number, compact: () => Promise<void>) =>
      ({ stats: async () => ({ articles }), compact }) as unknown as ArticleStore;
    const counted = storeOf(100, async () => {
      compactions.push('compacted');
    });
    const counts = (added: number) => ({ added, updated: 0, unchanged: 50, failed: 0 });
    const quiet = memoryIo({ cwd: dir });
    await compactAfterBulk(counted, counts(0), quiet.io);
    await compactAfterBulk(counted, counts(9), quiet.io);
    expect(compactions).toEqual([]);
    await compactAfterBulk(counted, counts(10), quiet.io);
    expect(compactions).toEqual(['compacted']);
    expect(quiet.stderr()).toBe('');

    const locked = storeOf(10, async () => {
      throw new StoreError('unavailable', 'the SQLite database is locked by another writer');
    });
    const warned = memoryIo({ cwd: dir });
    await compactAfterBulk(locked, counts(10), warned.io);
    expect(warned.stderr()).toMatch(
      /^khabar: the search index was not compacted \(the SQLite database is locked/,
    );
    expect(warned.stderr()).toContain('everything is stored');
    const failing = storeOf(10, async () => {
      throw new TypeError('a bug');
    });
    await expect(compactAfterBulk(failing, counts(10), warned.io)).rejects.toThrow(TypeError);
  });

  it('stores nothing twice: a second run reports everything unchanged', async () => {
    const files = ['docs/a-report.txt', 'docs/b-articles.json'];
    const first = memoryIo({ cwd: dir, env: { KHABAR_DB: 'k.db' } });
    await run(['ingest', ...files], first.io);
    const second = memoryIo({ cwd: dir, env: { KHABAR_DB: 'k.db' } });
    expect(await run(['ingest', ...files, '--batch', '1'], second.io)).toBe(1);
    expect(second.stdout().split('\n')[0]).toBe(
      `${join(dir, 'k.db')}: added 0, updated 0, unchanged 3, failed 1`,
    );
    expect((await storedTitles(join(dir, 'k.db'))).length).toBe(3);
  });

  it('replaces a corrected text and keeps its slug', async () => {
    const report = join(dir, 'docs', 'a-report.txt');
    const { io } = memoryIo({ cwd: dir });
    expect(await run(['ingest', report, '--db', 'k.db'], io)).toBe(0);
    writeFileSync(
      report,
      'افتتاح خط جديد للحافلات بين المطار ووسط المدينة\nنشر في: 2024-02-11 08:30\nأعلنت الهيئة تشغيل الخط الجديد.\n',
    );
    const again = memoryIo({ cwd: dir });
    expect(await run(['ingest', report, '--db', 'k.db'], again.io)).toBe(0);
    expect(again.stdout()).toContain('added 0, updated 1, unchanged 0, failed 0');
    const store = await openStore(join(dir, 'k.db'));
    const [item] = (await store.list()).items;
    expect((await store.get(item?.slug as string))?.body).toEqual(['أعلنت الهيئة تشغيل الخط الجديد.']);
    await store.close();
  });

  it('stores the seed documents when given no paths', async () => {
    const { io, stdout } = memoryIo({ cwd: dir });
    expect(await run(['ingest', '--db', 'seeded.db'], io)).toBe(0);
    expect(stdout()).toMatch(/added 1, updated 0, unchanged 0, failed 0/);
    expect(await storedTitles(join(dir, 'seeded.db'))).toContain(
      'بعد مغادرة كيم أون.. وزير الخارجية الصيني يزور روسيا',
    );
  });

  it('draws a progress bar on a terminal', async () => {
    const { io, stderr } = memoryIo({ cwd: dir });
    io.stderr.isTTY = true;
    expect(await run(['ingest', 'docs/a-report.txt', '--db', 'k.db'], io)).toBe(0);
    expect(stderr()).toContain('\r\x1b[K████████████████████████ 1/1 files  added 1');
    expect(stderr().endsWith('\r\x1b[K')).toBe(true);
  });

  it('refuses a missing path or a bad option before storing anything', async () => {
    for (const args of [['docs', 'nowhere'], ['--batch', '0'], ['--frobnicate']]) {
      const { io, stderr } = memoryIo({ cwd: dir });
      expect(await run(['ingest', ...args, '--db', 'k.db'], io)).toBe(2);
      expect(stderr()).toMatch(/^khabar: ingest: /);
    }
    expect(() => rmSync(join(dir, 'k.db'))).toThrow();
  });
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}
