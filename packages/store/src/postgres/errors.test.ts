import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors.ts';
import { classifyPostgresError, toStoreError } from './errors.ts';

/** An error as node-postgres reports one from the server: a message and a SQLSTATE. */
const serverError = (code: string, message = `server said ${code}`) =>
  Object.assign(new Error(message), { code });

describe('classifyPostgresError', () => {
  it.each([
    ['08000', 'connection_exception'],
    ['08006', 'connection_failure'],
    ['08P01', 'protocol_violation'],
    ['53000', 'insufficient_resources'],
    ['53100', 'disk_full'],
    ['53300', 'too_many_connections'],
    ['57P01', 'admin_shutdown'],
    ['57P02', 'crash_shutdown'],
    ['57P03', 'cannot_connect_now'],
    ['57P04', 'database_dropped'],
    ['57P05', 'idle_session_timeout'],
    ['55000', 'object_not_in_prerequisite_state (database not accepting connections)'],
    ['58030', 'io_error'],
  ])('takes SQLSTATE %s (%s) for unavailable', (code) => {
    expect(classifyPostgresError(serverError(code))).toBe('unavailable');
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EHOSTUNREACH'])(
    'takes the socket error %s for unavailable',
    (code) => {
      expect(classifyPostgresError(serverError(code))).toBe('unavailable');
    },
  );

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
  ])('takes the driver message %j, which has no code, for unavailable', (message) => {
    expect(classifyPostgresError(new Error(message))).toBe('unavailable');
  });

  it.each(['XX001', 'XX002'])('takes SQLSTATE %s for corrupt', (code) => {
    expect(classifyPostgresError(serverError(code))).toBe('corrupt');
  });

  it.each([
    ['42P01', 'undefined_table'],
    ['23505', 'unique_violation'],
    ['55P03', 'lock_not_available'],
    ['55006', 'object_in_use'],
    ['57014', 'query_canceled'],
    ['XX000', 'internal_error'],
    ['0800', 'too short to be a SQLSTATE'],
    ['080001', 'too long to be a SQLSTATE'],
  ])('leaves SQLSTATE %s (%s) alone', (code) => {
    expect(classifyPostgresError(serverError(code))).toBeNull();
  });

  it('leaves values that are not errors alone', () => {
    for (const value of [null, undefined, 'ECONNREFUSED', 42, { code: 42 }]) {
      expect(classifyPostgresError(value)).toBeNull();
    }
  });
});

describe('toStoreError', () => {
  it('makes StoreErrors of the failures callers act on, keeping the server message', () => {
    const refused = toStoreError(serverError('55000', 'database "x" is not currently accepting connections'));
    expect(refused).toBeInstanceOf(StoreError);
    expect(refused).toMatchObject({ code: 'unavailable', message: expect.stringContaining('database "x"') });
    expect(toStoreError(serverError('XX001', 'invalid page in block 7'))).toMatchObject({
      code: 'corrupt',
      message: expect.stringContaining('invalid page in block 7'),
    });
  });

  it('passes other errors and StoreErrors through as they are', () => {
    const other = serverError('42P01');
    expect(toStoreError(other)).toBe(other);
    const store = new StoreError('invalid_cursor', 'bad cursor');
    expect(toStoreError(store)).toBe(store);
    expect(toStoreError('text')).toEqual(new Error('text'));
  });
});
