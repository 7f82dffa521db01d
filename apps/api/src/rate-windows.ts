import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from './logger.ts';

/** How many requests a client has made in the current window, and when that window ends. */
export interface RateCount {
  used: number;
  /** Milliseconds until the window ends and the count starts again. */
  resetMs: number;
}

/** Counts requests per client in fixed windows. */
export interface RateCounter {
  /** Counts one request of `client` and returns the count so far in its window. */
  count(client: string): RateCount | Promise<RateCount>;
  close(): Promise<void>;
}

export interface WindowOptions {
  /** Requests allowed per window and client. */
  limit: number;
  windowSeconds: number;
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

/**
 * Fixed windows aligned to the clock, counted in this process. Only the current window's counters are
 * kept, so memory is bounded by the clients of one window.
 */
export class ProcessWindows implements RateCounter {
  readonly #windowMs: number;
  readonly #now: () => number;
  #window = -1;
  #counts = new Map<string, number>();

  constructor(options: WindowOptions) {
    this.#windowMs = options.windowSeconds * 1000;
    this.#now = options.now ?? Date.now;
  }

  count(client: string): RateCount {
    const time = this.#now();
    const current = Math.floor(time / this.#windowMs);
    if (current !== this.#window) {
      this.#window = current;
      this.#counts = new Map();
    }
    const used = (this.#counts.get(client) ?? 0) + 1;
    this.#counts.set(client, used);
    return { used, resetMs: (current + 1) * this.#windowMs - time };
  }

  async close(): Promise<void> {}
}

export interface RedisWindowOptions extends WindowOptions {
  /** `redis://` or `rediss://` URL. */
  url: string;
  /** Put before every key, so several deployments can share one Redis. */
  keyPrefix: string;
  logger: Logger;
  /** Longest a count may wait for Redis before this process counts on its own, in milliseconds. */
  commandTimeoutMs?: number;
  /** How long counting stays in this process after Redis failed, before Redis is tried again. */
  retryAfterMs?: number;
}

/**
 * Fixed windows shared by every API process through Redis (`rate-limiter-flexible`'s atomic counter:
 * one Lua script sets the window's key with its expiry and increments it). A window starts at a
 * client's first request and lasts `windowSeconds`.
 *
 * When Redis does not answer (down, unreachable, slower than `commandTimeoutMs`), requests are neither
 * refused nor let through uncounted: this process counts them in its own windows, as it does without
 * Redis, so each client keeps a limit per process until Redis is back. The change is logged once each
 * way, never per request. Commands are not queued while the connection is down, so no request waits
 * for a reconnection; a Redis that hangs costs the requests in flight at most `commandTimeoutMs`, after
 * which it is left alone for `retryAfterMs` (or until it reconnects).
 */
export class RedisWindows implements RateCounter {
  readonly #redis: Redis;
  readonly #limiter: RateLimiterRedis;
  readonly #fallback: ProcessWindows;
  readonly #logger: Logger;
  readonly #retryAfterMs: number;
  #failedUntil = 0;
  #unavailable = false;

  constructor(options: RedisWindowOptions) {
    this.#logger = options.logger;
    this.#retryAfterMs = options.retryAfterMs ?? 5000;
    this.#fallback = new ProcessWindows(options);
    this.#redis = new Redis(options.url, {
      enableOfflineQueue: false,
      commandTimeout: options.commandTimeoutMs ?? 1000,
      connectTimeout: 2000,
      maxRetriesPerRequest: 0,
      // Reconnect for as long as the process runs, at most every 2 s.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    });
    this.#redis.on('error', (error: Error) => this.#failed(error));
    this.#redis.on('ready', () => this.#recovered());
    this.#limiter = new RateLimiterRedis({
      storeClient: this.#redis,
      rejectIfRedisNotReady: true,
      points: options.limit,
      duration: options.windowSeconds,
      keyPrefix: `${options.keyPrefix}rate`,
    });
  }

  get mode(): 'redis' | 'redis-unavailable' {
    return this.#unavailable ? 'redis-unavailable' : 'redis';
  }

  count(client: string): RateCount | Promise<RateCount> {
    if (this.#unavailable && Date.now() < this.#failedUntil) return this.#fallback.count(client);
    return this.#limiter.consume(client).then(
      (result) => this.#counted(result),
      (reason: unknown) => {
        // Past the limit, the library rejects with the count; anything else is Redis failing.
        if (reason instanceof RateLimiterRes) return this.#counted(reason);
        this.#failed(reason);
        return this.#fallback.count(client);
      },
    );
  }

  #counted(result: RateLimiterRes): RateCount {
    this.#recovered();
    return { used: result.consumedPoints, resetMs: result.msBeforeNext };
  }

  #failed(reason: unknown): void {
    this.#failedUntil = Date.now() + this.#retryAfterMs;
    if (this.#unavailable) return;
    this.#unavailable = true;
    this.#logger.error({
      msg: 'rate limit store unavailable; counting in this process until it is back',
      detail: reason instanceof Error ? reason.message : String(reason),
    });
  }

  #recovered(): void {
    if (!this.#unavailable) return;
    this.#unavailable = false;
    this.#failedUntil = 0;
    this.#logger.info({ msg: 'rate limit store available again; counting across processes' });
  }

  async ready(timeoutMs: number): Promise<boolean> {
    if (this.#redis.status === 'ready') return true;
    return new Promise<boolean>((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.#redis.off('ready', onReady);
        resolve(value);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#redis.on('ready', onReady);
    });
  }

  async close(): Promise<void> {
    if (this.#redis.status === 'ready') await this.#redis.quit().catch(() => undefined);
    this.#redis.disconnect();
  }
}
