import { StoreError } from '../errors.ts';

/** What a PostgreSQL failure means for the caller: a code of `StoreError`, or null for anything else. */
export type PostgresFailure = 'unavailable' | 'corrupt' | null;

// SQLSTATE classes that mean "the server cannot answer now", whatever the statement was:
// 08 connection exception, 53 insufficient resources (too many connections, disk full, out of memory),
// 57P0x operator intervention (shutdown, crash, cannot connect now, database dropped, idle timeout),
// 55000 object not in prerequisite state (a database not accepting connections), 58 system error.
const UNAVAILABLE_STATE = /^(08...|53...|57P0.|55000|58...)$/;

// XX001 data_corrupted, XX002 index_corrupted: a retry meets the same damage.
const CORRUPT_STATES = new Set(['XX001', 'XX002']);

// Failures of the socket itself, before or without a SQLSTATE.
const UNAVAILABLE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
]);

// node-postgres reports a dropped connection and a pool that cannot connect in time with messages only.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect/i;

/** Sorts a failure of the driver or the server by SQLSTATE class, socket error code or driver message. */
export function classifyPostgresError(error: unknown): PostgresFailure {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (CORRUPT_STATES.has(code)) return 'corrupt';
    if (UNAVAILABLE_STATE.test(code) || UNAVAILABLE_ERRNOS.has(code)) return 'unavailable';
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return 'unavailable';
  return null;
}

/** The error a store method rejects with: a `StoreError` for the failures callers can act on. */
export function toStoreError(error: unknown): Error {
  if (error instanceof StoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  switch (classifyPostgresError(error)) {
    case 'unavailable':
      return new StoreError('unavailable', `PostgreSQL cannot answer: ${message}`);
    case 'corrupt':
      return new StoreError('corrupt', `PostgreSQL reports damaged data: ${message}`);
    default:
      return error instanceof Error ? error : new Error(message);
  }
}
