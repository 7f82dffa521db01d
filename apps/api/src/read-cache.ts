import { createMiddleware } from 'hono/factory';
import { ByteLru } from './byte-lru.ts';
import type { AppEnv, SentBody } from './env.ts';
import { sendCached } from './http-cache.ts';

interface Entry extends SentBody {
  expires: number;
}

export interface ReadCacheOptions {
  /** How long an answer is reused, in milliseconds; 0 turns the cache off. */
  ttlMs: number;
  /** Most bytes kept, answers and their keys (default 32 MiB); the least recently used go first. */
  budget?: number;
  now?: () => number;
}

/**
 * Recent answers of the public reads (lists, articles, stories, search, tags, sources, related, feeds)
 * by URL, reused for a few seconds. Their `Cache-Control` already lets any cache reuse them as long or
 * longer; this spares the store the same query from many readers at once. The app clears it whenever
 * the store reports a write (see `watch`): any write may change a story, whose members the change does
 * not name. An answer read before a clear and finished after it is not kept: it may predate the write.
 */
export class ReadCache {
  readonly #entries: ByteLru<Entry>;
  readonly #ttlMs: number;
  readonly #now: () => number;
  /** Counts clears, so an answer computed across one is known to be stale. */
  #generation = 0;

  constructor(options: ReadCacheOptions) {
    this.#entries = new ByteLru(options.budget ?? 32 * 1024 * 1024);
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
  }

  /** Middleware answering from the cache, or filling it with the body a read sent. */
  middleware() {
    return createMiddleware<AppEnv>(async (c, next) => {
      if (this.#ttlMs === 0 || c.req.method !== 'GET') return next();
      // By path and query only: the Host header is the client's to choose, and names no other answer.
      // The path is Hono's, already read off the URL: a request parses none again here.
      const url = c.req.url;
      const query = url.indexOf('?');
      const key = query === -1 ? c.req.path : c.req.path + url.slice(query);
      const cached = this.#entries.get(key);
      if (cached && cached.expires > this.#now()) return sendCached(c, cached.body, cached.etag, cached);
      const generation = this.#generation;
      await next();
      const sent = c.get('sent');
      if (c.res.status !== 200 || sent === undefined || generation !== this.#generation) return;
      this.#entries.set(key, { ...sent, expires: this.#now() + this.#ttlMs });
    });
  }
}
