import { ConfigError } from '@khabar/schema';
import { describe, expect, it } from 'vitest';
import { clipText } from './clip-text.ts';
import { loadConfig } from './config.ts';
import { emptyIsNotFound, failureFor } from './outcome.ts';

describe('loadConfig', () => {
  it('defaults the API to the local port and trims trailing slashes', () => {
    expect(loadConfig({})).toEqual({ apiUrl: 'http://127.0.0.1:8787', siteUrl: null, pageSize: 20 });
    expect(
      loadConfig({
        KHABAR_API_URL: 'http://api:9000/',
        KHABAR_SITE_URL: 'https://khabar.example/',
        KHABAR_WEB_PAGE_SIZE: '5',
      }),
    ).toEqual({ apiUrl: 'http://api:9000', siteUrl: 'https://khabar.example', pageSize: 5 });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ KHABAR_API_URL: 'ftp://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ KHABAR_API_URL: 'ftp://x' })).toThrow(/^invalid configuration: KHABAR_API_URL/);
    expect(() => loadConfig({ KHABAR_WEB_PAGE_SIZE: '500' })).toThrow(/KHABAR_WEB_PAGE_SIZE/);
  });
});

describe('clipText', () => {
  it('keeps short text whole and cuts long text at a word', () => {
    expect(clipText('  نص   قصير ')).toBe('نص قصير');
    const long = 'كلمة '.repeat(60);
    const cut = clipText(long, 40);
    expect(cut.length).toBeLessThanOrEqual(40);
    expect(cut).toMatch(/كلمة…$/);
  });
});

describe('failureFor', () => {
  it('keeps the reader’s mistakes 4xx and turns API failures into 502 or 503', () => {
    expect(failureFor(404)).toMatchObject({ failure: 'not_found', status: 404 });
    expect(failureFor(400)).toMatchObject({ failure: 'bad_request', status: 400 });
    expect(failureFor(429)).toMatchObject({ failure: 'unavailable', status: 503 });
    expect(failureFor(500)).toMatchObject({ failure: 'api_failed', status: 502 });
  });
});

describe('emptyIsNotFound', () => {
  const empty = { ok: true as const, value: { items: [], nextCursor: null } };
  const one = { ok: true as const, value: { items: ['خبر'], nextCursor: null } };

  it('makes an empty first page a 404 and leaves later pages and full pages alone', () => {
    expect(emptyIsNotFound(empty, true)).toEqual({ ok: false, failure: 'not_found', status: 404 });
    expect(emptyIsNotFound(empty, false)).toBe(empty);
    expect(emptyIsNotFound(one, true)).toBe(one);
  });

  it('passes failures through', () => {
    const failed = failureFor(503);
    expect(emptyIsNotFound(failed, true)).toBe(failed);
  });
});
