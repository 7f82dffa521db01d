import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeStore } from '../test/describe-store.ts';
import type { StoreHarness } from '../test/store-harness.ts';
import { createSqliteStore, openStore, StoreError } from './index.ts';

async function sqliteHarness(): Promise<StoreHarness> {
  const folder = mkdtempSync(join(tmpdir(), 'khabar-store-'));
  const location = join(folder, 'nested', 'khabar.db');
  const store = await openStore(location);
  const inspect = <T>(work: (db: Database.Database) => T): T => {
    const db = new Database(location);
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    store,
    location,
    schema: undefined,
    reopen: () => createSqliteStore(location),
    digest: async () =>
      inspect((db) => {
        const hash = createHash('sha256');
        for (const table of ['articles', 'article_tags', 'migrations']) {
          for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).iterate()) {
            hash.update(JSON.stringify(row));
          }
        }
        return hash.digest('hex');
      }),
    integrity: async () =>
      inspect((db) => {
        const result = db.pragma('integrity_check', { simple: true });
        if (result !== 'ok') return String(result);
        // The FTS5 index must hold exactly the shadow text of every row.
        db.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)").run();
        return 'ok';
      }),
    migrationCount: async () =>
      inspect((db) => db.prepare('SELECT count(*) FROM migrations').pluck().get() as number),
    dispose: async () => {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

describeStore('SQLite store', sqliteHarness);

describe('SQLite store files', () => {
  it('creates the folders, uses WAL and records its migrations', async () => {
    const harness = await sqliteHarness();
    try {
      const db = new Database(harness.location, { readonly: true });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT version, name FROM migrations').all()).toEqual([
        { version: 1, name: 'articles, tags and the full-text index' },
      ]);
      db.close();
    } finally {
      await harness.dispose();
    }
  });

  it('refuses a database from a newer Khabar', async () => {
    const harness = await sqliteHarness();
    await harness.store.close();
    const db = new Database(harness.location);
    db.prepare("INSERT INTO migrations VALUES (99, 'from the future', '2030-01-01')").run();
    db.close();
    const error = await createSqliteStore(harness.location).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('migration_failed');
    await harness.dispose();
  });

  it('reports a file that is not a database as unavailable', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'khabar-store-'));
    const location = join(folder, 'not-a.db');
    writeFileSync(location, 'this is a text file, not SQLite '.repeat(200));
    try {
      const error = await openStore(location).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('unavailable');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
