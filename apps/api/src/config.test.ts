import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultDb, loadConfig, redactLocation } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults for an empty environment', () => {
    expect(loadConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      db: defaultDb,
      dbIsDefault: true,
      apiKeys: [],
      corsOrigins: ['*'],
      bodyLimit: 1024 * 1024,
      timeoutMs: 10_000,
      rateLimit: 600,
      rateWindowSeconds: 60,
      rateLimitExempt: [],
      trustedProxies: [],
      cacheTtlSeconds: 10,
      searchThreads: Math.min(2, availableParallelism()),
      dbBusyTimeoutMs: 5000,
      dbPageCacheMiB: 16,
      dbOpenCheck: 'refuse',
      articleCacheMiB: 16,
      readCacheMiB: 16,
      siteUrl: null,
      accessLog: true,
      redisUrl: null,
      redisKeyPrefix: 'khabar:',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig({
      KHABAR_API_PORT: '9000',
      KHABAR_API_HOST: '0.0.0.0',
      KHABAR_DB: 'postgres://khabar@db/khabar',
      KHABAR_API_KEYS: ' first-key-0123456789 , second-key-0123456789 ,',
      KHABAR_API_CORS_ORIGINS: 'https://a.example, https://b.example',
      KHABAR_API_BODY_LIMIT: '2048',
      KHABAR_API_TIMEOUT_MS: '1500',
      KHABAR_API_RATE_LIMIT: '0',
      KHABAR_API_RATE_WINDOW_S: '10',
      KHABAR_API_RATE_LIMIT_EXEMPT: '127.0.0.1, ::1',
      KHABAR_API_TRUSTED_PROXIES: '10.0.0.0/8, ::1',
      KHABAR_API_CACHE_TTL_S: '0',
      KHABAR_SEARCH_THREADS: '4',
      KHABAR_DB_BUSY_TIMEOUT_MS: '1500',
      KHABAR_DB_PAGE_CACHE_MIB: '8',
      KHABAR_DB_OPEN_CHECK: 'record',
      KHABAR_API_ARTICLE_CACHE_MIB: '0',
      KHABAR_API_READ_CACHE_MIB: '64',
      KHABAR_SITE_URL: 'https://khabar.example/',
      KHABAR_API_LOG: 'off',
      KHABAR_REDIS_URL: 'redis://:secret@cache:6379/2',
      KHABAR_REDIS_KEY_PREFIX: 'khabar-staging:',
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      db: 'postgres://khabar@db/khabar',
      dbIsDefault: false,
      apiKeys: ['first-key-0123456789', 'second-key-0123456789'],
      corsOrigins: ['https://a.example', 'https://b.example'],
      bodyLimit: 2048,
      timeoutMs: 1500,
      rateLimit: 0,
      rateWindowSeconds: 10,
      rateLimitExempt: ['127.0.0.1', '::1'],
      trustedProxies: ['10.0.0.0/8', '::1'],
      cacheTtlSeconds: 0,
      searchThreads: 4,
      dbBusyTimeoutMs: 1500,
      dbPageCacheMiB: 8,
      dbOpenCheck: 'record',
      articleCacheMiB: 0,
      readCacheMiB: 64,
      siteUrl: 'https://khabar.example',
      accessLog: false,
      redisUrl: 'redis://:secret@cache:6379/2',
      redisKeyPrefix: 'khabar-staging:',
    });
  });

  it.each([
    [{ KHABAR_API_PORT: 'eighty' }, 'KHABAR_API_PORT must be an integer from 0 to 65535 (got "eighty")'],
    [{ KHABAR_API_PORT: '70000' }, 'KHABAR_API_PORT must be an integer from 0 to 65535 (got "70000")'],
    [{ KHABAR_API_BODY_LIMIT: '-1' }, 'KHABAR_API_BODY_LIMIT must be an integer'],
    [{ KHABAR_API_TIMEOUT_MS: '1.5' }, 'KHABAR_API_TIMEOUT_MS must be an integer'],
    [{ KHABAR_API_KEYS: 'short' }, 'KHABAR_API_KEYS: each key must have at least 16 characters'],
    [{ KHABAR_API_CORS_ORIGINS: 'not a url' }, 'KHABAR_API_CORS_ORIGINS'],
    [{ KHABAR_SITE_URL: 'ftp://x' }, 'KHABAR_SITE_URL'],
    [{ KHABAR_API_LOG: 'verbose' }, 'KHABAR_API_LOG must be `json` or `off`'],
    [{ KHABAR_REDIS_URL: 'http://cache:6379' }, 'KHABAR_REDIS_URL must be a redis:// or rediss:// URL'],
    [{ KHABAR_REDIS_KEY_PREFIX: 'has space' }, 'KHABAR_REDIS_KEY_PREFIX: give 1 to 64'],
    [
      { KHABAR_API_TRUSTED_PROXIES: 'proxy.internal' },
      'KHABAR_API_TRUSTED_PROXIES: give comma-separated IP addresses or networks such as 10.0.0.0/8',
    ],
    [{ KHABAR_SEARCH_THREADS: '65' }, 'KHABAR_SEARCH_THREADS must be an integer from 0 to 64 (got "65")'],
    [
      { KHABAR_DB_PAGE_CACHE_MIB: '0' },
      'KHABAR_DB_PAGE_CACHE_MIB must be an integer from 1 to 4096 (got "0")',
    ],
    [{ KHABAR_DB_BUSY_TIMEOUT_MS: 'soon' }, 'KHABAR_DB_BUSY_TIMEOUT_MS must be an integer'],
    [{ KHABAR_DB_OPEN_CHECK: 'maybe' }, 'KHABAR_DB_OPEN_CHECK must be `refuse`, `record` or `off`'],
    [{ KHABAR_API_READ_CACHE_MIB: '1e3' }, 'KHABAR_API_READ_CACHE_MIB must be an integer from 0 to 4096'],
    [
      { KHABAR_API_RATE_LIMIT_EXEMPT: 'localhost' },
      'KHABAR_API_RATE_LIMIT_EXEMPT: give comma-separated IP addresses',
    ],
  ])('refuses %j with one line naming the variable', (env, message) => {
    let caught: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const text = (caught as ConfigError).message;
    expect(text).toContain(message);
    expect(text).toMatch(/^invalid configuration: /);
    expect(text).not.toContain('\n');
  });

  it('treats an empty KHABAR_DB as unset', () => {
    expect(loadConfig({ KHABAR_DB: '' })).toMatchObject({ db: defaultDb, dbIsDefault: true });
  });
});

describe('redactLocation', () => {
  it('hides a database password and leaves file paths alone', () => {
    expect(redactLocation('postgres://khabar:s3cret@db:5432/khabar')).toBe(
      'postgres://khabar:***@db:5432/khabar',
    );
    expect(redactLocation('postgres://khabar@db/khabar')).toBe('postgres://khabar@db/khabar');
    expect(redactLocation('data/khabar.db')).toBe('data/khabar.db');
  });
});
