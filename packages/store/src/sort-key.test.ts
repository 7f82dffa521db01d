import { describe, expect, it } from 'vitest';
import { lowerBound, sortKey, upperBound } from './sort-key.ts';

describe('sortKey', () => {
  it('keeps a wall-clock time as written and moves a zoned one to UTC', () => {
    expect(sortKey('2023-09-18T10:30:00')).toBe('2023-09-18T10:30:00');
    expect(sortKey('2023-09-18T10:30:00+03:00')).toBe('2023-09-18T07:30:00');
    expect(sortKey('2023-09-18T00:30:00+03:00')).toBe('2023-09-17T21:30:00');
    expect(sortKey('2023-09-18T10:30:00Z')).toBe('2023-09-18T10:30:00');
    expect(sortKey(null)).toBe('');
  });

  it('takes every four-digit year as written, the first hundred too', () => {
    expect(sortKey('0000-01-01T00:00:00')).toBe('0000-01-01T00:00:00');
    expect(sortKey('0099-12-31T23:59:59Z')).toBe('0099-12-31T23:59:59');
    expect(sortKey('9999-12-31T23:59:59')).toBe('9999-12-31T23:59:59');
    expect(sortKey('0000-02-29T12:00:00')).toBe('0000-02-29T12:00:00');
  });

  it('refuses dates that do not exist', () => {
    for (const value of ['2023-02-30T00:00:00', '2023-13-01T00:00:00', '0001-02-29T00:00:00']) {
      expect(() => sortKey(value), value).toThrow(/not an ISO 8601 date-time/);
    }
  });

  it('gives a time a zone moves out of the four-digit years the first or last key', () => {
    expect(sortKey('0000-01-01T00:00:00+01:00')).toBe('0000-01-01T00:00:00');
    expect(sortKey('0000-01-01T00:59:59+01:00')).toBe('0000-01-01T00:00:00');
    expect(sortKey('0000-01-01T01:00:00+01:00')).toBe('0000-01-01T00:00:00');
    expect(sortKey('9999-12-31T23:00:00-01:00')).toBe('9999-12-31T23:59:59');
    expect(sortKey('9999-12-31T22:59:59-01:00')).toBe('9999-12-31T23:59:59');
    expect(lowerBound('0000-01-01T00:30:00+01:00')).toBe('0000-01-01T00:00:00');
  });

  it('reads a date bound as its first or last second', () => {
    expect(lowerBound('0050-06-01')).toBe('0050-06-01T00:00:00');
    expect(upperBound('2024-02-29')).toBe('2024-02-29T23:59:59');
    expect(() => upperBound('2023-02-29')).toThrow(/to must be an ISO 8601 date/);
  });
});
