import { createPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.ts';
import { createSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.ts';
import type { ArticleStore } from './types.ts';

/** Where the store is when no location is given: an embedded SQLite file under the working folder. */
export const defaultDb = 'data/khabar.db';

/** Options for either store; each reads its own. */
export type OpenStoreOptions = SqliteStoreOptions & PostgresStoreOptions;

/** Whether a location names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/**
 * Opens the store a location names: a `postgres://` or `postgresql://` URL is a PostgreSQL database,
 * anything else the path of a SQLite file (created with its folders when missing). Migrations run on open.
 */
export function openStore(location: string, options: OpenStoreOptions = {}): Promise<ArticleStore> {
  return isPostgresUrl(location)
    ? createPostgresStore(location, options)
    : createSqliteStore(location, options);
}
