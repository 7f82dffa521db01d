import type Database from 'better-sqlite3';
import { StoreError } from '../errors.ts';
import type { IntegrityReport } from '../types.ts';
import { openDatabase, READ_BUSY_TIMEOUT_MS, sqliteCode, storeError } from './connection.ts';

// Most problems one check lists: past this many the file needs restoring, not reading line by line.
const MAX_PROBLEMS = 100;

/**
 * What SQLite's own check finds, one line per problem: `quick_check` reads every page of every table
 * and index; `integrity_check` also matches each index against its table. A file too damaged to be
 * read at all is one problem.
 */
export function pageProblems(db: Database.Database, depth: IntegrityReport['depth']): string[] {
  const pragma = depth === 'quick' ? 'quick_check' : 'integrity_check';
  try {
    const lines = db.pragma(`${pragma}(${MAX_PROBLEMS})`, { simple: false }) as Record<string, string>[];
    // A row may hold several lines, under a heading naming the database (always `main` here).
    return lines
      .flatMap((line) => String(Object.values(line)[0]).split('\n'))
      .filter((line) => line !== 'ok' && line !== '' && !/^\*\*\* in database \w+ \*\*\*$/.test(line));
  } catch (error) {
    return [damageLine(error)];
  }
}

/**
 * What FTS5 finds when it matches the search index against the articles' shadow text. FTS5 runs this
 * check as a write, so it takes the write lock for its length (seconds on a large store) and is rolled
 * back: nothing changes. When another writer keeps the lock past `lockWaitMs`, the check is skipped.
 */
export function searchIndexCheck(
  db: Database.Database,
  lockWaitMs: number,
): { problems: string[]; skipped: string[] } {
  db.pragma(`busy_timeout = ${lockWaitMs}`);
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if (sqliteCode(error) === 'SQLITE_BUSY') {
      return {
        problems: [],
        skipped: [`search index: not checked, another writer held the lock for ${lockWaitMs} ms`],
      };
    }
    return { problems: [damageLine(error)], skipped: [] };
  }
  try {
    db.prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)").run();
    return { problems: [], skipped: [] };
  } catch (error) {
    return { problems: [`search index: ${damageLine(error)}`], skipped: [] };
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

/** A check's error as a problem line when it is damage; other failures are thrown as store errors. */
function damageLine(error: unknown): string {
  const mapped = storeError(error);
  if (mapped instanceof StoreError && mapped.code === 'corrupt') return (error as Error).message;
  throw mapped;
}

/** Checks the database a connection has open (a database in memory has no file to open again). */
export function checkConnection(db: Database.Database, depth: IntegrityReport['depth']): IntegrityReport {
  const problems = pageProblems(db, depth);
  const skipped: string[] = [];
  if (depth === 'full') {
    const index = searchIndexCheck(db, 0);
    problems.push(...index.problems);
    skipped.push(...index.skipped);
  }
  return { depth, ok: problems.length === 0, problems, skipped };
}

/**
 * Checks a database file on connections of its own: the pages on a read-only one and, for `full`,
 * the search index on a writing one that changes nothing. A file that is no database is one problem.
 */
export function checkFile(
  path: string,
  depth: IntegrityReport['depth'],
  options: { lockWaitMs: number; pageCacheMiB: number },
): IntegrityReport {
  const damaged = (error: unknown): IntegrityReport => ({
    depth,
    ok: false,
    problems: [damageLine(error)],
    skipped: [],
  });
  const problems: string[] = [];
  const skipped: string[] = [];
  let hasIndex = false;
  try {
    const reader = openDatabase(path, {
      readonly: true,
      busyTimeoutMs: READ_BUSY_TIMEOUT_MS,
      pageCacheMiB: options.pageCacheMiB,
    });
    try {
      problems.push(...pageProblems(reader, depth));
      hasIndex =
        reader.prepare("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").get() !== undefined;
    } finally {
      reader.close();
    }
  } catch (error) {
    return damaged(error instanceof StoreError && error.code === 'corrupt' ? error.cause : error);
  }
  if (depth === 'full') {
    if (!hasIndex) skipped.push('search index: this database has none');
    else {
      const writer = openDatabase(path, {
        busyTimeoutMs: options.lockWaitMs,
        pageCacheMiB: options.pageCacheMiB,
      });
      try {
        const index = searchIndexCheck(writer, options.lockWaitMs);
        problems.push(...index.problems);
        skipped.push(...index.skipped);
      } finally {
        writer.close();
      }
    }
  }
  return { depth, ok: problems.length === 0, problems, skipped };
}
