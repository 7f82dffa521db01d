import type { Article, IngestOutcome } from '@khabar/schema';
import type Database from 'better-sqlite3';
import { type BatchLookups, type PreparedRows, planBatch, prepareRows } from '../batch-plan.ts';
import { type Query, runSteps, sqliteDialect } from '../core/dialect.ts';
import { lookupSteps } from '../core/lookups.ts';
import {
  backfillSteps,
  deferStories,
  finishStorySteps,
  flushStorySteps,
  removeStorySteps,
  type StoryInput,
  StoryMemory,
  type StoryWork,
  settleDeferredSteps,
  storyInput,
  storyWork,
  writeStorySteps,
} from '../core/story-writes.ts';
import { StoreError } from '../errors.ts';
import { ROW_COLUMNS, SET_FROM_EXCLUDED } from '../stored-row.ts';
import { type Statements, sqliteCode, statements } from './connection.ts';
import { FTS_INSERT_TRIGGER } from './migrations.ts';

// Rows per upsert statement: 50 rows of 18 columns stay well below SQLite's limit on parameters.
const UPSERT_CHUNK = 50;

/** The upsert of `count` rows, returning the rowid of each. */
function upsertRows(count: number): string {
  const row = `(${ROW_COLUMNS.map(() => '?').join(', ')})`;
  return `INSERT INTO articles (${ROW_COLUMNS.join(', ')})
    VALUES ${Array.from({ length: count }, () => row).join(', ')}
    ON CONFLICT (id) DO UPDATE SET ${SET_FROM_EXCLUDED}
    RETURNING seq, id`;
}

// Pages of the full-text index one compaction step merges: tens of milliseconds under the write lock,
// whatever the size of the index, so that other writers wait no longer than that between steps.
const COMPACT_STEP_PAGES = 2000;

// Batches of this many rows or more index their new rows in one statement (see `writeBatch`).
const BULK_INDEX_FROM = 32;

// Each pair [title key, id]: the appended articles with that title key but another id give way.
const SELECT_SUPERSEDED = `
  SELECT articles.seq FROM json_each(?) AS superseded
  JOIN articles ON articles.title_key = superseded.value ->> 0 AND articles.id <> superseded.value ->> 1
  WHERE articles.origin = 'appended'`;

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
  /**
   * `prepared`: rows made ahead (see `articlesToWrite`); made here, before the lock, when absent.
   * `defer`: the new articles' stories wait (see `WriteOptions.deferStories`).
   */
  upsertMany(
    articles: readonly Article[],
    gate: WriteGate,
    prepared?: PreparedRows,
    defer?: boolean,
  ): IngestOutcome[];
  delete(id: string, gate: WriteGate): boolean;
  /**
   * Gives the articles whose stories were deferred their stories, in a transaction of its own: false
   * when none was waiting (and no transaction was needed).
   */
  settleStories(gate: WriteGate): boolean;
  /** Gives a batch of articles their owed sketches and stories (see `backfillSteps`); 0 when none is owed. */
  backfillStories(gate: WriteGate): number;
  /**
   * One step of merging the full-text index into one segment (see `ArticleStore.compact`), in a
   * transaction of its own, the deferred stories settled first: true when it merged something, so
   * that more may be owed.
   */
  compactStep(gate: WriteGate): boolean;
}

/**
 * The writes of the embedded store on one connection, each in an immediate transaction. `stories`
 * false keeps no stories (only to measure what story upkeep costs). `memory`: the band index as this
 * connection last read it, the sketches it has met and the articles whose stories wait (see
 * `StoryMemory`).
 */
export function sqliteWrites(
  db: Database.Database,
  stories = true,
  memory: StoryMemory = new StoryMemory(),
): SqliteWrites {
  const { all, one, prepare } = statements(db);
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');
  const totalChanges = db.prepare('SELECT total_changes()').pluck();

  const lookups = (articles: readonly Article[]): BatchLookups => sqliteLookups(all, articles);
  // Runs the statements of the stores' shared steps.
  const run = (query: Query): unknown[] => {
    const statement = prepare(query.sql);
    if (query.each !== undefined) {
      for (const row of query.each) statement.run(...row);
      return [];
    }
    if (statement.reader) return statement.all(...query.params);
    statement.run(...query.params);
    return [];
  };

  // Files and compares the deferred articles, and works out their stories.
  const settle = (work: StoryWork): void => {
    runSteps(settleDeferredSteps(sqliteDialect, memory, work), run);
    runSteps(finishStorySteps(sqliteDialect, memory, work), run);
  };

  const writeBatch = (
    articles: readonly Article[],
    prepared: PreparedRows,
    work: StoryWork,
    defer: boolean,
  ): IngestOutcome[] => {
    const plan = planBatch(articles, lookups(articles), prepared, stories);
    // One statement for the batch's deletions and one per chunk of rows: each statement has a fixed
    // cost in the full-text index's upkeep, and a statement per row made the writes a quarter slower.
    if (plan.superseded.length > 0) {
      const seqs = all<{ seq: number }>(
        SELECT_SUPERSEDED,
        JSON.stringify(plan.superseded.map(({ titleKey, keep }) => [titleKey, keep])),
      ).map((row) => row.seq);
      if (seqs.length > 0) {
        if (stories) runSteps(removeStorySteps(sqliteDialect, memory, work, seqs), run);
        prepare('DELETE FROM articles WHERE seq IN (SELECT value FROM json_each(?))').run(
          JSON.stringify(seqs),
        );
      }
    }
    const written: StoryInput[] = [];
    // A large batch indexes its new rows in one statement rather than row by row through the trigger,
    // which took twice the time; the trigger is back before the commit, so no other connection ever
    // sees the table without it. Rows are new when their rowid is above the largest before the upserts.
    const indexedInBulk = plan.rows.length >= BULK_INDEX_FROM;
    // Rows after the last before the upserts are new: they have no story yet, and are indexed in bulk.
    const lastSeq =
      indexedInBulk || stories
        ? (one<{ seq: number }>('SELECT coalesce(max(seq), 0) AS seq FROM articles') as { seq: number }).seq
        : 0;
    if (indexedInBulk) db.exec('DROP TRIGGER articles_fts_insert');
    for (let start = 0; start < plan.rows.length; start += UPSERT_CHUNK) {
      const chunk = plan.rows.slice(start, start + UPSERT_CHUNK);
      const stored = prepare(upsertRows(chunk.length)).all(
        ...chunk.flatMap((row) => ROW_COLUMNS.map((column) => row[column])),
      ) as { seq: number; id: string }[];
      const seqOf = new Map(stored.map(({ id, seq }) => [id, seq]));
      for (const row of chunk) {
        const seq = seqOf.get(row.id) as number;
        const input = storyInput(seq, row);
        if (input !== null) written.push(input);
        prepare('DELETE FROM article_tags WHERE article_seq = ?').run(seq);
        for (const tag of JSON.parse(row.tags) as string[]) {
          prepare('INSERT OR IGNORE INTO article_tags (tag, article_seq) VALUES (?, ?)').run(tag, seq);
        }
      }
    }
    if (indexedInBulk) {
      prepare(
        `INSERT INTO articles_fts (rowid, search_title, search_body)
         SELECT seq, search_title, search_body FROM articles WHERE seq > ?`,
      ).run(lastSeq);
      db.exec(FTS_INSERT_TRIGGER);
    }
    if (stories) {
      const now = defer ? deferStories(memory, work, written, lastSeq) : written;
      if (work.settling.length > 0)
        runSteps(settleDeferredSteps(sqliteDialect, memory, work, now, lastSeq), run);
      else runSteps(writeStorySteps(sqliteDialect, memory, work, now, lastSeq), run);
      runSteps(finishStorySteps(sqliteDialect, memory, work), run);
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

  // `work`: the story upkeep of the transaction, taken into the writer's memory once it commits.
  const inTransaction = <T>(gate: WriteGate, body: () => T, work?: StoryWork): T => {
    takeLock(gate);
    try {
      const result = body();
      if (!gate.claimCommit()) throw cutShort();
      const mark = memory.runs.mark();
      commit.run();
      memory.runs.committed(mark);
      if (work !== undefined) memory.committed(work);
      return result;
    } finally {
      if (db.inTransaction) rollback.run();
    }
  };

  return {
    upsertMany(articles, gate, prepared, defer = false) {
      // Analysing the text before the write lock is taken keeps other writers waiting less.
      const rows = prepared ?? prepareRows(articles, lookups(articles), stories);
      const work = storyWork();
      return inTransaction(gate, () => writeBatch(articles, rows, work, defer), work);
    },
    delete(id, gate) {
      const work = storyWork();
      return inTransaction(
        gate,
        () => {
          const row = one<{ seq: number }>('SELECT seq FROM articles WHERE id = ?', id);
          if (row === undefined) return false;
          if (stories) runSteps(removeStorySteps(sqliteDialect, memory, work, [row.seq]), run);
          prepare('DELETE FROM articles WHERE seq = ?').run(row.seq);
          if (stories) runSteps(finishStorySteps(sqliteDialect, memory, work), run);
          return true;
        },
        work,
      );
    },
    settleStories(gate) {
      if (!stories || memory.deferred.size === 0) return false;
      const work = storyWork();
      return inTransaction(
        gate,
        () => {
          settle(work);
          return true;
        },
        work,
      );
    },
    backfillStories(gate) {
      if (!stories) return 0;
      return inTransaction(gate, () => runSteps(backfillSteps(sqliteDialect, memory), run));
    },
    compactStep(gate) {
      const work = storyWork();
      return inTransaction(
        gate,
        () => {
          // The deferred stories first, then the band index's pending entries (see `BandRuns`): nothing
          // once they are written.
          if (stories) {
            settle(work);
            runSteps(flushStorySteps(sqliteDialect, memory), run);
          }
          const before = totalChanges.get() as number;
          // A negative count merges segments of every level, toward one, this many pages at most.
          prepare("INSERT INTO articles_fts (articles_fts, rank) VALUES ('merge', ?)").run(
            -COMPACT_STEP_PAGES,
          );
          // The command itself counts as one change; pages merged count as many more.
          return (totalChanges.get() as number) - before > 1;
        },
        work,
      );
    },
  };
}

/** What the store holds for a batch's keys (see `lookupSteps`), read on one connection. */
export function sqliteLookups(all: Statements['all'], articles: readonly Article[]): BatchLookups {
  return runSteps(lookupSteps(sqliteDialect, articles), (query) => all(query.sql, ...query.params));
}
