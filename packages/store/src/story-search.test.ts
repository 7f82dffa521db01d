import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testPostgresUrl } from '@khabar/devkit';
import pg from 'pg';
import { describe } from 'vitest';
import { describeStorySearch } from '../test/describe-story-search.ts';
import type { StoreHarness } from '../test/store-harness.ts';
import { openStore, type SqliteStoreOptions } from './index.ts';

type SearchHarness = Pick<StoreHarness, 'store' | 'dispose'>;

async function sqliteHarness(options: SqliteStoreOptions = {}): Promise<SearchHarness> {
  const folder = mkdtempSync(join(tmpdir(), 'khabar-story-search-'));
  const store = await openStore(join(folder, 'khabar.db'), options);
  return {
    store,
    dispose: async () => {
      await store.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

const url = testPostgresUrl();

// Every store under test gets a schema of its own, dropped after: parallel runs never meet.
async function postgresHarness(): Promise<SearchHarness> {
  const location = url as string;
  const schema = `khabar_test_${randomBytes(6).toString('hex')}`;
  const store = await openStore(location, { schema, poolSize: 4 });
  return {
    store,
    dispose: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: location });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

describeStorySearch('SQLite store', () => sqliteHarness());
// In memory, searches share the connection writes go through.
describeStorySearch('SQLite store in memory', async () => {
  const store = await openStore(':memory:');
  return { store, dispose: () => store.close() };
});
// Searches on threads read stories on connections of their own.
describeStorySearch('SQLite store searching on two threads', () => sqliteHarness({ searchThreads: 2 }));

describe.runIf(url)('PostgreSQL', () => {
  describeStorySearch('PostgreSQL store', postgresHarness);
});
