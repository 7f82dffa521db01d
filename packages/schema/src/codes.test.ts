import { describe, expect, it } from 'vitest';
import { type Code, type CodeEntry, codes, codesOf, isCode } from './codes.ts';

const entries = Object.entries(codes) as [Code, CodeEntry][];

describe('the code catalogue', () => {
  it('has snake_case codes, each given by someone, with a title, message and hint', () => {
    for (const [code, entry] of entries) {
      expect(code, code).toMatch(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/);
      expect(entry.sources.length, code).toBeGreaterThan(0);
      expect(new Set(entry.sources).size, code).toBe(entry.sources.length);
      for (const text of [entry.title, entry.message, entry.hint]) expect(text.trim(), code).not.toBe('');
    }
  });

  it('gives every API and site code an HTTP error status, and every site code a text for readers', () => {
    for (const [code, entry] of entries) {
      const answered = entry.sources.some((source) => source === 'api' || source === 'site');
      if (answered) {
        expect(entry.status, code).toBeGreaterThanOrEqual(400);
        expect(entry.status, code).toBeLessThan(600);
      } else {
        expect(entry.status, code).toBeUndefined();
      }
      if (entry.sources.includes('site')) {
        expect(entry.reader?.title, code).toMatch(/\p{Script=Arabic}/u);
        expect(entry.reader?.text, code).toMatch(/\p{Script=Arabic}/u);
      }
    }
  });

  it('lists the codes of one part in catalogue order', () => {
    const store = codesOf('store');
    expect(store).toEqual(
      entries.filter(([, entry]) => entry.sources.includes('store')).map(([code]) => code),
    );
    expect(store).toContain('corrupt');
    expect(codesOf('warning')).not.toContain('no_title');
    expect(codesOf('parser')).toContain('no_title');
  });

  it('tells catalogued codes from other strings, own properties only', () => {
    expect(isCode('parse_failed')).toBe(true);
    expect(isCode('toString')).toBe(false);
    expect(isCode('no-such-code')).toBe(false);
  });
});
