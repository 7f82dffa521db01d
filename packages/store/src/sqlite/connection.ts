import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreError } from '../errors.ts';

// Error codes that mean "the database cannot answer now", not "the request is wrong".
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL|READONLY)/;
// Error codes that mean the file holds damaged data (or is no database at all): a retry will not mend it.
const CORRUPT = /^SQLITE_(CORRUPT|NOTADB)/;

/** Page cache of each connection when the caller names none, in MiB. */
export const DEFAULT_PAGE_CACHE_MIB = 16;

/** How long a read waits for a lock: in WAL mode only recovery or a checkpoint reset holds readers back. */
export const READ_BUSY_TIMEOUT_MS = 100;

export interface ConnectionOptions {
  /** How long a statement waits for another connection's lock, in ms. */
  busyTimeoutMs: number;
  /** Most memory the connection's page cache may take, in MiB. */
  pageCacheMiB?: number | undefined;
  /** A reading connection opens a database that exists and never writes. */
  readonly?: boolean | undefined;
}

/**
 * Opens a connection in WAL mode. The writing connection creates the folders and file; a reading one
 * (`readonly`) opens a database that exists, for searches and checks on other threads.
 */
export function openDatabase(path: string, options: ConnectionOptions): Database.Database {
  const readonly = options.readonly === true;
  let db: Database.Database | undefined;
  try {
    if (!readonly && path !== ':memory:' && !path.startsWith('file:')) {
      mkdirSync(dirname(path), { recursive: true });
    }
    db = new Database(path, { timeout: options.busyTimeoutMs, readonly, fileMustExist: readonly });
    db.pragma(`cache_size = ${-1024 * (options.pageCacheMiB ?? DEFAULT_PAGE_CACHE_MIB)}`);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Checkpoints every 64 MiB of log rather than 4: an ingest rewrites the same index and FTS pages
      // batch after batch, and each checkpoint copies them into the file again.
      db.pragma('wal_autocheckpoint = 16384');
      db.pragma('foreign_keys = ON');
    }
    return db;
  } catch (error) {
    db?.close();
    throw storeError(error, `cannot open the SQLite database ${path}`);
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

/** The SQLite result code of an error (`SQLITE_BUSY`, `SQLITE_CORRUPT_INDEX`, …), if it has one. */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/**
 * The store error an SQLite error stands for: damage is `corrupt`, a database that cannot answer now
 * is `unavailable`; anything else (a bug, a constraint) is returned as it is.
 */
export function storeError(error: unknown, context = 'the SQLite database cannot answer'): unknown {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error) ?? '';
  const message = `${context}: ${(error as Error).message}`;
  let mapped: StoreError;
  if (CORRUPT.test(code)) {
    mapped = new StoreError('corrupt', `${message} (run \`khabar check\` for a full report)`);
  } else if (UNAVAILABLE.test(code)) {
    mapped = new StoreError('unavailable', message);
  } else {
    return error;
  }
  mapped.cause = error;
  return mapped;
}

/** Runs `work`, turning SQLite's errors into the store errors they stand for (see `storeError`). */
export function guard<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw storeError(error);
  }
}
