import { StoreError } from '../errors.ts';
import type { Query, Steps } from './dialect.ts';

/** One schema change, applied once, in order, inside the opening transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** How a store keeps its record of applied migrations. */
export interface MigrationRecord {
  /** Statements that open the transaction and take the lock migrations run under. */
  begin: Query[];
  /** Creates the table of applied versions when missing. */
  createTable: string;
  /** Records a migration as applied. */
  record(migration: Migration): Query;
}

/**
 * Applies, in one transaction, the migrations the database lacks, after the record's `begin`; the
 * caller rolls back when a step fails. A database at a version newer than any known is refused.
 */
export function* migrationSteps(record: MigrationRecord, migrations: readonly Migration[]): Steps<void> {
  for (const query of record.begin) yield query;
  yield { sql: record.createTable, params: [], script: true };
  const rows = (yield { sql: 'SELECT version FROM migrations', params: [] }) as { version: unknown }[];
  const applied = new Set(rows.map((row) => Number(row.version)));
  const known = Math.max(0, ...migrations.map((migration) => migration.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new StoreError(
      'migration_failed',
      `the database is at schema version ${newest}, newer than this Khabar knows (${known})`,
    );
  }
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    yield { sql: migration.sql, params: [], script: true };
    yield record.record(migration);
  }
  yield { sql: 'COMMIT', params: [] };
}

/** The error a failed migration is reported as. */
export function migrationError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  return new StoreError('migration_failed', `could not migrate the database: ${(error as Error).message}`);
}
