import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import {
  ConfigError,
  type Environment,
  envInteger,
  envList,
  envUrl,
  readEnvironment,
  redactLocation,
} from '@khabar/schema';
import { defaultDb } from '@khabar/store';
import { z } from 'zod';
import { isAddressOrNetwork } from './client-address.ts';

export { ConfigError, defaultDb, redactLocation };

const Origin = z.union([z.literal('*'), z.url({ protocol: /^https?$/ })]);

const Settings = z.object({
  KHABAR_API_PORT: envInteger('KHABAR_API_PORT', 0, 65535, 8787),
  KHABAR_API_HOST: z.string().trim().min(1).default('127.0.0.1'),
  KHABAR_DB: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value)),
  KHABAR_API_KEYS: z
    .string()
    .optional()
    .transform(envList)
    .pipe(z.array(z.string().min(16, 'KHABAR_API_KEYS: each key must have at least 16 characters'))),
  KHABAR_API_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value) => (value === undefined ? ['*'] : envList(value)))
    .pipe(z.array(Origin, 'KHABAR_API_CORS_ORIGINS: give `*` or comma-separated http(s) origins')),
  KHABAR_API_BODY_LIMIT: envInteger('KHABAR_API_BODY_LIMIT', 1, 1024 * 1024 * 1024, 1024 * 1024),
  KHABAR_API_TIMEOUT_MS: envInteger('KHABAR_API_TIMEOUT_MS', 1, 10 * 60 * 1000, 10_000),
  KHABAR_API_RATE_LIMIT: envInteger('KHABAR_API_RATE_LIMIT', 0, 1_000_000_000, 600),
  KHABAR_API_RATE_WINDOW_S: envInteger('KHABAR_API_RATE_WINDOW_S', 1, 86_400, 60),
  KHABAR_API_RATE_LIMIT_EXEMPT: z
    .string()
    .optional()
    .transform(envList)
    .pipe(
      z.array(
        z.string().refine((address) => isIP(address) !== 0, {
          message: 'KHABAR_API_RATE_LIMIT_EXEMPT: give comma-separated IP addresses',
        }),
      ),
    ),
  KHABAR_API_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform(envList)
    .pipe(
      z.array(
        z.string().refine(isAddressOrNetwork, {
          message:
            'KHABAR_API_TRUSTED_PROXIES: give comma-separated IP addresses or networks such as 10.0.0.0/8',
        }),
      ),
    ),
  KHABAR_API_CACHE_TTL_S: envInteger('KHABAR_API_CACHE_TTL_S', 0, 3600, 10),
  KHABAR_SEARCH_THREADS: envInteger('KHABAR_SEARCH_THREADS', 0, 64, Math.min(2, availableParallelism())),
  KHABAR_DB_BUSY_TIMEOUT_MS: envInteger('KHABAR_DB_BUSY_TIMEOUT_MS', 0, 10 * 60 * 1000, 5000),
  KHABAR_DB_PAGE_CACHE_MIB: envInteger('KHABAR_DB_PAGE_CACHE_MIB', 1, 4096, 16),
  KHABAR_DB_OPEN_CHECK: z
    .enum(['refuse', 'record', 'off'], 'KHABAR_DB_OPEN_CHECK must be `refuse`, `record` or `off`')
    .default('refuse'),
  KHABAR_API_ARTICLE_CACHE_MIB: envInteger('KHABAR_API_ARTICLE_CACHE_MIB', 0, 4096, 16),
  KHABAR_API_READ_CACHE_MIB: envInteger('KHABAR_API_READ_CACHE_MIB', 0, 4096, 16),
  KHABAR_SITE_URL: envUrl('KHABAR_SITE_URL'),
  KHABAR_API_LOG: z.enum(['json', 'off'], 'KHABAR_API_LOG must be `json` or `off`').default('json'),
  KHABAR_REDIS_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(
      z
        .url({ protocol: /^rediss?$/, error: 'KHABAR_REDIS_URL must be a redis:// or rediss:// URL' })
        .optional(),
    ),
  KHABAR_REDIS_KEY_PREFIX: z
    .string()
    .trim()
    .regex(/^[\w:.-]{1,64}$/, 'KHABAR_REDIS_KEY_PREFIX: give 1 to 64 letters, digits, `_`, `:`, `.` or `-`')
    .default('khabar:'),
});

/** Everything the API reads from its environment, validated. */
export interface ApiConfig {
  port: number;
  host: string;
  /** Store location: a SQLite file path or a `postgres://` URL. */
  db: string;
  /** True when `db` is the default location rather than one the operator chose. */
  dbIsDefault: boolean;
  /** Keys accepted as `Authorization: Bearer <key>` on writes; empty means writes are refused. */
  apiKeys: string[];
  /** Origins allowed by CORS; `*` allows any. Empty turns CORS headers off. */
  corsOrigins: string[];
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** Longest a request may take before a 504 problem, in milliseconds. */
  timeoutMs: number;
  /** Requests allowed per window and client; 0 turns rate limiting off. */
  rateLimit: number;
  rateWindowSeconds: number;
  /** Client addresses never rate limited, such as the reading site's server, which asks for every reader. */
  rateLimitExempt: string[];
  /**
   * Reverse proxies in front of the API (addresses or CIDR networks): from them, the client address the
   * rate limit counts is read from `X-Forwarded-For`. Empty: the peer address is the client.
   */
  trustedProxies: string[];
  /** How long answers to reads under `/v1` are reused in memory, in seconds; 0 turns that off. */
  cacheTtlSeconds: number;
  /**
   * Threads that run searches on the embedded store, each with its own connection, so searches use
   * the machine's cores and never hold up other requests; 0 searches on the main thread. PostgreSQL
   * runs searches in its own processes and ignores this.
   */
  searchThreads: number;
  /** How long a write waits for another process's SQLite write lock before a 503, in milliseconds. */
  dbBusyTimeoutMs: number;
  /** Most memory each SQLite connection's page cache may take (one reads, one writes, one per search thread), in MiB. */
  dbPageCacheMiB: number;
  /** What opening a SQLite store does about damage its quick check finds: refuse to start, record it, or not check. */
  dbOpenCheck: 'refuse' | 'record' | 'off';
  /** Most bytes of serialized article JSON kept for reuse, in MiB; 0 keeps none. */
  articleCacheMiB: number;
  /** Most bytes of read answers kept for `cacheTtlSeconds`, in MiB; 0 keeps none. */
  readCacheMiB: number;
  /** Public URL of the reading site: feed items link to `<siteUrl>/articles/<slug>` when set. */
  siteUrl: string | null;
  /** Whether to write one JSON line per request. */
  accessLog: boolean;
  /**
   * Redis that every API process counts rate limits in, so the limit is one budget across them; null
   * counts in each process.
   */
  redisUrl: string | null;
  /** Put before every key the API writes to Redis. */
  redisKeyPrefix: string;
}

/**
 * Reads and validates the configuration, from `env` or else the process's environment: the one place the
 * API reads it. Throws `ConfigError` with a one-line message on a bad value.
 */
export function loadConfig(env: Environment = process.env): ApiConfig {
  const values = readEnvironment(Settings, env);
  return {
    port: values.KHABAR_API_PORT,
    host: values.KHABAR_API_HOST,
    db: values.KHABAR_DB ?? defaultDb,
    dbIsDefault: values.KHABAR_DB === undefined,
    apiKeys: values.KHABAR_API_KEYS,
    corsOrigins: values.KHABAR_API_CORS_ORIGINS,
    bodyLimit: values.KHABAR_API_BODY_LIMIT,
    timeoutMs: values.KHABAR_API_TIMEOUT_MS,
    rateLimit: values.KHABAR_API_RATE_LIMIT,
    rateWindowSeconds: values.KHABAR_API_RATE_WINDOW_S,
    rateLimitExempt: values.KHABAR_API_RATE_LIMIT_EXEMPT,
    trustedProxies: values.KHABAR_API_TRUSTED_PROXIES,
    cacheTtlSeconds: values.KHABAR_API_CACHE_TTL_S,
    searchThreads: values.KHABAR_SEARCH_THREADS,
    dbBusyTimeoutMs: values.KHABAR_DB_BUSY_TIMEOUT_MS,
    dbPageCacheMiB: values.KHABAR_DB_PAGE_CACHE_MIB,
    dbOpenCheck: values.KHABAR_DB_OPEN_CHECK,
    articleCacheMiB: values.KHABAR_API_ARTICLE_CACHE_MIB,
    readCacheMiB: values.KHABAR_API_READ_CACHE_MIB,
    siteUrl: values.KHABAR_SITE_URL ?? null,
    accessLog: values.KHABAR_API_LOG === 'json',
    redisUrl: values.KHABAR_REDIS_URL ?? null,
    redisKeyPrefix: values.KHABAR_REDIS_KEY_PREFIX,
  };
}
