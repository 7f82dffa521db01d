import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ArticleStore, openStore } from '@khabar/store';
import pg from 'pg';

/** A real store opened for one test file, and how to remove it after. */
export interface OpenedStore {
  store: ArticleStore;
  /** Another store over the same database, as a second process would open it; closed by `dispose`. */
  openAnother(): Promise<ArticleStore>;
  dispose(): Promise<void>;
}

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  open(): Promise<OpenedStore>;
}

const pgUrl = process.env.KHABAR_TEST_PG_URL;

const sqlite: StoreKind = {
  name: 'sqlite',
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'khabar-api-test-'));
    const path = join(dir, 'khabar.db');
    const store = await openStore(path);
    const others: ArticleStore[] = [];
    return {
      store,
      async openAnother() {
        const other = await openStore(path);
        others.push(other);
        return other;
      },
      async dispose() {
        for (const other of others) await other.close();
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

/** Each PostgreSQL store gets a schema of its own, dropped after, so parallel runs never meet. */
function postgres(url: string): StoreKind {
  return {
    name: 'postgres',
    async open() {
      const schema = `khabar_api_test_${randomBytes(6).toString('hex')}`;
      const store = await openStore(url, { schema, poolSize: 4 });
      const others: ArticleStore[] = [];
      return {
        store,
        async openAnother() {
          const other = await openStore(url, { schema, poolSize: 2 });
          others.push(other);
          return other;
        },
        async dispose() {
          for (const other of others) await other.close();
          await store.close();
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

/** The stores every route is tested against: SQLite always, PostgreSQL when `KHABAR_TEST_PG_URL` is set. */
export const storeKinds: StoreKind[] = pgUrl ? [sqlite, postgres(pgUrl)] : [sqlite];
