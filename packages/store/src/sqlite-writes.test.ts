import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { holdWriteLock } from '@khabar/devkit';
import type { Article } from '@khabar/schema';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateArticles } from '../test/generate-articles.ts';
import { type ArticleStore, createSqliteStore, StoreError } from './index.ts';

const execFileAsync = promisify(execFile);

/** How long `work` takes to settle, counted from `since`, in ms. */
async function settledAfter(since: number, work: Promise<unknown>): Promise<number> {
  await work.catch(() => undefined);
  return performance.now() - since;
}

describe('SQLite writes while another process holds the write lock', () => {
  let folder: string;
  let location: string;
  let store: ArticleStore | undefined;
  const [stored, waiting, queued] = generateArticles(3, 11) as [Article, Article, Article];

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'khabar-store-lock-'));
    location = join(folder, 'khabar.db');
  });
  afterEach(async () => {
    await store?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps reads answering, and fails the waiting write as unavailable after the busy timeout', async () => {
    store = await createSqliteStore(location, { busyTimeoutMs: 1500, searchThreads: 1 });
    await store.upsert(stored);
    await store.search({ q: 'الحكومة' });
    const holder = await holdWriteLock(location, 3000);

    // The write and the first reads are asked at the same moment, as requests to a server would be.
    const asked = performance.now();
    const write = store.upsert(waiting);
    const firstReads = await Promise.all([
      settledAfter(asked, sleep(1)),
      settledAfter(asked, store.get(stored.id)),
      settledAfter(asked, store.list({ limit: 5 })),
      settledAfter(asked, store.search({ q: 'الحكومة' })),
      settledAfter(asked, store.ping()),
    ]);
    const laterReads: number[] = [];
    while (performance.now() - asked < 1200) {
      const begin = performance.now();
      await Promise.all([store.get(stored.id), store.list({ limit: 5 }), store.stats()]);
      laterReads.push(performance.now() - begin);
      await sleep(50);
    }
    const error = await write.catch((caught: unknown) => caught);
    const writeMs = performance.now() - asked;

    expect(Math.max(...firstReads)).toBeLessThan(50);
    expect(Math.max(...laterReads)).toBeLessThan(50);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('unavailable');
    expect((error as StoreError).message).toMatch(/locked by another writer/);
    expect(writeMs).toBeGreaterThanOrEqual(1450);
    expect(writeMs).toBeLessThan(2500);

    // Nothing of the failed write shows up once the lock is free, and writing works again.
    await holder.released;
    expect(await store.get(waiting.id)).toBeNull();
    expect((await store.upsert(waiting)).status).toBe('added');
  });

  it('fails a compaction as unavailable while another process holds the lock, and compacts after', async () => {
    store = await createSqliteStore(location, { busyTimeoutMs: 300 });
    await store.upsert(stored);
    await store.upsert(waiting);
    const holder = await holdWriteLock(location, 1000);
    const error = await store.compact().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('unavailable');
    await holder.released;
    await store.compact();
    const found = await store.search({ q: stored.title, collapse: 'none' });
    expect(found.items.map((hit) => hit.article.id)).toContain(stored.id);
  });

  it('cuts a waiting write short when its signal aborts, and never commits it later', async () => {
    store = await createSqliteStore(location, { busyTimeoutMs: 5000 });
    await store.upsert(stored);
    const holder = await holdWriteLock(location, 1500);

    const asked = performance.now();
    const cut = store.upsert(waiting, { signal: AbortSignal.timeout(200) });
    const next = store.upsert(queued);
    const gone = store
      .delete(stored.id, { signal: AbortSignal.timeout(100) })
      .catch((caught: unknown) => caught);
    const error = await cut.catch((caught: unknown) => caught);
    expect(performance.now() - asked).toBeLessThan(600);
    expect((error as StoreError).code).toBe('unavailable');
    expect((error as StoreError).message).toMatch(/cut short/);
    // The delete waited in the queue behind the cut write: it leaves the queue when its signal aborts.
    expect(((await gone) as StoreError).message).toMatch(/cut short/);

    expect((await next).status).toBe('added');
    expect(performance.now() - asked).toBeGreaterThan(1000);
    await holder.released;
    expect(await store.get(waiting.id)).toBeNull();
    expect(await store.get(stored.id)).not.toBeNull();
    await expect(store.upsert(waiting, { signal: AbortSignal.abort() })).rejects.toThrow(/cut short/);
    expect(await store.get(waiting.id)).toBeNull();
  });

  it('fails writes still queued when the store closes, and lets a process with idle threads exit', async () => {
    store = await createSqliteStore(location);
    const holder = await holdWriteLock(location, 800);
    const pending = store.upsert(waiting).catch((caught: unknown) => caught);
    await store.close();
    expect(await pending).toBeInstanceOf(StoreError);
    await holder.released;
    store = undefined;

    // With V8 flags a worker refuses (a server started with a larger heap): the threads start without them.
    const script = [
      `import { createSqliteStore } from ${JSON.stringify(new URL('./index.ts', import.meta.url).href)};`,
      `const store = await createSqliteStore(${JSON.stringify(location)}, { searchThreads: 1 });`,
      `const outcome = await store.upsert(${JSON.stringify(stored)});`,
      `const hits = await store.search({ q: ${JSON.stringify(stored.title)} });`,
      "const report = await store.check('full');",
      'console.log(outcome.status, hits.items.length > 0, report.ok);',
    ].join('\n');
    const { stdout } = await execFileAsync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=256', '--input-type=module', '-e', script],
      { timeout: 8000 },
    );
    expect(stdout.trim()).toBe('added true true');
  });
});

describe('SQLite large batches', () => {
  it('reach the store in the order they were called, though their rows are made on another thread', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'khabar-store-order-'));
    const articles = generateArticles(40, 33);
    const [first] = articles as [Article];
    const store = await createSqliteStore(join(folder, 'khabar.db'));
    try {
      const writing = store.upsertMany(articles);
      const deleting = store.delete(first.id);
      expect((await writing).outcomes.every((outcome) => outcome.status === 'added')).toBe(true);
      expect(await deleting).toBe(true);
      expect(await store.get(first.id)).toBeNull();
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('index their new and changed rows as single rows do, and keep the insert trigger', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'khabar-store-bulk-'));
    const location = join(folder, 'khabar.db');
    const [first, ...rest] = generateArticles(120, 31);
    const store = await createSqliteStore(location);
    try {
      await store.upsert(first as Article);
      // Stored already: half the batch is new, a quarter changed, a quarter unchanged.
      const earlier = rest.slice(0, 60);
      await store.upsertMany(earlier.slice(0, 30));
      const changed = earlier.slice(30).map((article) => ({
        ...article,
        body: [...article.body, 'فقرة مضافة عن المتحف الوطني.'],
        provenance: { ...article.provenance, contentHash: article.provenance.contentHash.replace(/^./, 'x') },
      }));
      await store.upsertMany(earlier.slice(30));
      const batch = [...earlier.slice(0, 30), ...changed, ...rest.slice(60)];
      const { outcomes } = await store.upsertMany(batch);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        ...earlier.slice(0, 30).map(() => 'unchanged'),
        ...changed.map(() => 'updated'),
        ...rest.slice(60).map(() => 'added'),
      ]);
      await store.close();

      const db = new Database(location);
      try {
        // FTS5 compares its index with the shadow text of every row.
        db.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)").run();
        const triggers = db
          .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")
          .pluck()
          .all();
        expect(triggers).toEqual(['articles_fts_delete', 'articles_fts_insert', 'articles_fts_update']);
        const indexed = db
          .prepare('SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?')
          .pluck()
          .get(`"${(rest[100] as Article).title.split(' ').at(-1)}"`);
        expect(indexed).toBe(1);
      } finally {
        db.close();
      }
      // A row inserted alone afterwards is indexed by the trigger.
      const again = await createSqliteStore(location);
      const single = generateArticles(1, 32)[0] as Article;
      await again.upsert(single);
      await again.close();
      const check = new Database(location);
      try {
        check.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)").run();
        expect(check.prepare('SELECT count(*) FROM articles_fts').pluck().get()).toBe(
          check.prepare('SELECT count(*) FROM articles').pluck().get(),
        );
      } finally {
        check.close();
      }
    } finally {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
