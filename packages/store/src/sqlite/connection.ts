import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../errors.ts';

// Error codes that mean "the database cannot answer now", not "the request is wrong".
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY|CORRUPT|NOTADB)/;

/**
 * Opens a connection in WAL mode. The writing connection creates the folders and file; a reading one
 * (`readonly`) opens a database that exists, for searches on other threads.
 */
export function openDatabase(
  path: string,
  busyTimeoutMs: number,
  options: { readonly?: boolean } = {},
): Database.Database {
  try {
    const readonly = options.readonly === true;
    if (!readonly && path !== ':memory:' && !path.startsWith('file:')) {
      mkdirSync(dirname(path), { recursive: true });
    }
    const db = new Database(path, { timeout: busyTimeoutMs, readonly, fileMustExist: readonly });
    // A larger page cache (64 MiB), and checkpoints every 64 MiB of log rather than 4: an ingest rewrites
    // the same index and FTS pages batch after batch, and each checkpoint copies them into the file again.
    db.pragma('cache_size = -65536');
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('wal_autocheckpoint = 16384');
      db.pragma('foreign_keys = ON');
    }
    return db;
  } catch (error) {
    throw new StoreError(
      'unavailable',
      `cannot open the SQLite database ${path}: ${(error as Error).message}`,
    );
  }
}

/** Prepared statements by SQL text, each prepared once per connection. */
export interface Statements {
  all<T>(sql: string, ...params: unknown[]): T[];
  one<T>(sql: string, ...params: unknown[]): T | undefined;
  prepare(sql: string): Database.Statement;
}

export function statements(db: Database.Database): Statements {
  const prepared = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    return statement;
  };
  return {
    prepare,
    all: <T>(sql: string, ...params: unknown[]) => prepare(sql).all(...params) as T[],
    one: <T>(sql: string, ...params: unknown[]) => prepare(sql).get(...params) as T | undefined,
  };
}

/** Runs `work`, turning the errors that mean the database cannot answer into `StoreError('unavailable')`. */
export function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE.test(code)) {
      throw new StoreError('unavailable', `the SQLite database cannot answer: ${(error as Error).message}`);
    }
    throw error;
  }
}
