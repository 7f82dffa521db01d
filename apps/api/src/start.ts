import { openStore } from '@khabar/store';
import { type ApiConfig, redactLocation } from './config.ts';
import type { Logger } from './logger.ts';
import { RedisWindows } from './rate-windows.ts';
import { seedIfEmpty } from './seed.ts';
import { listen, type RunningApi } from './server.ts';

export interface StartedApi extends RunningApi {
  /** Seed articles stored at start-up (only into an empty store at the default location). */
  seeded: number;
}

/**
 * Opens the configured store, fills an empty default SQLite store with `seeds/` so a first run has
 * something to show, warms its search (see `ArticleStore.warm`) and serves the API. A store the
 * operator named is left as it is.
 */
export async function startApi(config: ApiConfig, logger: Logger): Promise<StartedApi> {
  const store = await openStore(config.db, {
    searchThreads: config.searchThreads,
    busyTimeoutMs: config.dbBusyTimeoutMs,
    pageCacheMiB: config.dbPageCacheMiB,
    openCheck: config.dbOpenCheck,
  });
  let rateCounter: RedisWindows | undefined;
  try {
    let seeded = 0;
    if (config.dbIsDefault && store.kind === 'sqlite') {
      const report = await seedIfEmpty(store);
      seeded = report.added;
      for (const failure of report.failed) logger.error({ msg: 'seed not read', ...failure });
    }
    rateCounter = await sharedRateCounter(config, logger);
    // Search made ready before the port opens, so the first readers do not pay for it; a store that
    // cannot warm still serves (each search then reads what it needs).
    await store
      .warm()
      .catch((error: unknown) => logger.error({ msg: 'search not warmed', error: (error as Error).message }));
    return { ...(await listen(store, config, logger, rateCounter)), seeded };
  } catch (error) {
    await rateCounter?.close();
    await store.close();
    throw error;
  }
}

/** How long start-up waits for Redis before serving with limits counted in the process. */
const redisWaitMs = 3000;

/**
 * Rate limit windows in Redis when `KHABAR_REDIS_URL` is set (and limits are on), once Redis answers
 * or `redisWaitMs` has passed: a Redis that is down does not keep the API from starting.
 */
async function sharedRateCounter(config: ApiConfig, logger: Logger): Promise<RedisWindows | undefined> {
  if (config.redisUrl === null || config.rateLimit === 0) return undefined;
  const counter = new RedisWindows({
    url: config.redisUrl,
    keyPrefix: config.redisKeyPrefix,
    limit: config.rateLimit,
    windowSeconds: config.rateWindowSeconds,
    logger,
  });
  const shared = await counter.ready(redisWaitMs);
  logger.info({
    msg: 'rate limits',
    store: shared ? 'redis' : 'process',
    redis: redactLocation(config.redisUrl),
  });
  return counter;
}
