import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ArticleStore, defaultDb, isPostgresUrl, type OpenStoreOptions, openStore } from '@khabar/store';
import { type Io, UsageError } from './command.ts';

/** The `--db` option, for `parseArgs`: every command that reads or writes the store takes it. */
export const dbOption = { db: { type: 'string' } } as const;

/** Help text of the `--db` option, for a command's usage. */
export const dbUsage =
  '  --db <path|url>   SQLite file or postgres:// URL (default: $KHABAR_DB, else data/khabar.db)';

/**
 * Where the store is: `--db`, else `KHABAR_DB`, else `data/khabar.db`. A `postgres://` or
 * `postgresql://` URL is used as is; a SQLite path is taken from the current directory.
 */
export function resolveDb(flags: { db?: string | undefined }, io: Pick<Io, 'cwd' | 'env'>): string {
  const location = flags.db ?? io.env.KHABAR_DB ?? defaultDb;
  if (location.trim().length === 0) {
    throw new UsageError('--db needs a SQLite file path or a postgres:// URL');
  }
  return isPostgresUrl(location) ? location : resolve(io.cwd, location);
}

/** A command that only reads was pointed at a SQLite file that is not there. */
export class MissingStoreError extends Error {
  override name = 'MissingStoreError';

  constructor(location: string) {
    super(
      `no store at ${location} (nothing is created for a command that only reads; 'khabar ingest --db ${location}' creates one)`,
    );
  }
}

/**
 * Throws `MissingStoreError` unless the SQLite file exists. PostgreSQL URLs pass: whether their server
 * answers is found on open.
 */
export function requireExistingStore(location: string): void {
  if (!isPostgresUrl(location) && !existsSync(location)) throw new MissingStoreError(location);
}

/** How a command uses the store. */
export interface StoreUse {
  /** `read`: a missing SQLite file is refused, never created; `write` (default) creates it. */
  access?: 'read' | 'write';
  /** Passed to `openStore`. */
  options?: OpenStoreOptions;
}

/** Opens the store, runs `work` with it and closes it, whatever happens. */
export async function withStore<T>(
  location: string,
  work: (store: ArticleStore) => Promise<T>,
  use: StoreUse = {},
): Promise<T> {
  if (use.access === 'read') requireExistingStore(location);
  const store = await openStore(location, use.options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
