import type { Article, IngestOutcome } from '@khabar/schema';
import type Database from 'better-sqlite3';
import {
  type BatchLookups,
  batchKeys,
  batchLookups,
  planBatch,
  prepareRows,
  type StoredState,
  type UrlOwnerRow,
} from '../batch-plan.ts';
import { StoreError } from '../errors.ts';
import { type ArticleRow, ROW_COLUMNS, SET_FROM_EXCLUDED } from '../stored-row.ts';
import { sqliteCode, statements } from './connection.ts';

const UPSERT_ROW = `
  INSERT INTO articles (${ROW_COLUMNS.join(', ')})
  VALUES (${ROW_COLUMNS.map((column) => `@${column}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${SET_FROM_EXCLUDED}
  RETURNING seq`;

// Longest single wait inside SQLite's busy handler: between two waits the write looks whether its
// caller gave up, so a cut-short write lets go of the queue within this long.
const LOCK_WAIT_SLICE_MS = 50;

/**
 * How one write may proceed. It waits up to `lockWaitMs` for the write lock; `cancelled` says whether
 * its caller gave up (looked at while it waits); `claimCommit` is asked once the work is done and
 * before it is committed, and answers false when the caller gave up first: the write is then rolled
 * back. Claiming and giving up exclude each other, so a write the caller was told was cut short is
 * never committed, and one that claimed its commit is reported as stored.
 */
export interface WriteGate {
  lockWaitMs: number;
  cancelled(): boolean;
  claimCommit(): boolean;
}

/** Values of the word a writer thread shares with its store: the caller waits, the commit is claimed, the caller gave up. */
export const WriteState = { pending: 0, committing: 1, cancelled: 2 } as const;

/** The error of a write whose caller gave up before it was committed. */
export function cutShort(): StoreError {
  return new StoreError(
    'unavailable',
    'the write was cut short before it was committed (its caller gave up); nothing was stored',
  );
}

export interface SqliteWrites {
  upsertMany(articles: readonly Article[], gate: WriteGate): IngestOutcome[];
  delete(id: string, gate: WriteGate): boolean;
}

/** The writes of the embedded store on one connection, each in an immediate transaction. */
export function sqliteWrites(db: Database.Database): SqliteWrites {
  const { all, prepare } = statements(db);
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');

  const lookups = (articles: readonly Article[]): BatchLookups => {
    const keys = batchKeys(articles);
    const existing = all<StoredState & { id: string }>(
      `SELECT id, slug, content_hash, parser_version, origin FROM articles
       WHERE id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(keys.ids),
    );
    const slugs = all<{ slug: string; id: string }>(
      'SELECT slug, id FROM articles WHERE slug IN (SELECT value FROM json_each(?))',
      JSON.stringify(keys.slugs),
    );
    const titleKeys = all<{ title_key: string }>(
      'SELECT DISTINCT title_key FROM articles WHERE title_key IN (SELECT value FROM json_each(?))',
      JSON.stringify(keys.titleKeys),
    );
    // The URL is taken from the batch, not the row: the column comes after the large doc.
    const urlOwners =
      keys.urls.length === 0
        ? []
        : all<UrlOwnerRow>(
            `SELECT articles.id, slug, content_hash, parser_version, origin, batch.value AS url
             FROM json_each(?) AS batch JOIN articles ON articles.url = batch.value
             WHERE articles.origin = 'document' ORDER BY articles.seq`,
            JSON.stringify(keys.urls),
          );
    return batchLookups(existing, slugs, titleKeys, urlOwners);
  };

  const writeBatch = (
    articles: readonly Article[],
    prepared: ReadonlyMap<Article, ArticleRow>,
  ): IngestOutcome[] => {
    const plan = planBatch(articles, lookups(articles), prepared);
    for (const { titleKey, keep } of plan.superseded) {
      prepare("DELETE FROM articles WHERE origin = 'appended' AND title_key = ? AND id <> ?").run(
        titleKey,
        keep,
      );
    }
    for (const row of plan.rows) {
      const { seq } = prepare(UPSERT_ROW).get(row) as { seq: number };
      prepare('DELETE FROM article_tags WHERE article_seq = ?').run(seq);
      for (const tag of JSON.parse(row.tags) as string[]) {
        prepare('INSERT OR IGNORE INTO article_tags (tag, article_seq) VALUES (?, ?)').run(tag, seq);
      }
    }
    return plan.outcomes;
  };

  // SQLite's busy handler waits in slices, so that a caller giving up is noticed between them.
  const takeLock = (gate: WriteGate): void => {
    const until = Date.now() + gate.lockWaitMs;
    for (;;) {
      if (gate.cancelled()) throw cutShort();
      const left = until - Date.now();
      db.pragma(`busy_timeout = ${Math.max(0, Math.min(LOCK_WAIT_SLICE_MS, left))}`);
      try {
        begin.run();
        return;
      } catch (error) {
        if (sqliteCode(error) !== 'SQLITE_BUSY') throw error;
        if (left <= 0) {
          throw new StoreError(
            'unavailable',
            `the SQLite database is locked by another writer; gave up after waiting ${gate.lockWaitMs} ms`,
          );
        }
      }
    }
  };

  const inTransaction = <T>(gate: WriteGate, work: () => T): T => {
    takeLock(gate);
    try {
      const result = work();
      if (!gate.claimCommit()) throw cutShort();
      commit.run();
      return result;
    } finally {
      if (db.inTransaction) rollback.run();
    }
  };

  return {
    upsertMany(articles, gate) {
      // Analysing the text before the write lock is taken keeps other writers waiting less.
      const prepared = prepareRows(articles, lookups(articles));
      return inTransaction(gate, () => writeBatch(articles, prepared));
    },
    delete(id, gate) {
      return inTransaction(gate, () => prepare('DELETE FROM articles WHERE id = ?').run(id).changes > 0);
    },
  };
}
