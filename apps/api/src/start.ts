import { openStore } from '@khabar/store';
import type { ApiConfig } from './config.ts';
import type { Logger } from './logger.ts';
import { seedIfEmpty } from './seed.ts';
import { listen, type RunningApi } from './server.ts';

export interface StartedApi extends RunningApi {
  /** Seed articles stored at start-up (only into an empty store at the default location). */
  seeded: number;
}

/**
 * Opens the configured store, fills an empty default SQLite store with `seeds/` so a first run has
 * something to show, and serves the API. A store the operator named is left as it is.
 */
export async function startApi(config: ApiConfig, logger: Logger): Promise<StartedApi> {
  const store = await openStore(config.db, {
    searchThreads: config.searchThreads,
    busyTimeoutMs: config.dbBusyTimeoutMs,
    pageCacheMiB: config.dbPageCacheMiB,
    openCheck: config.dbOpenCheck,
  });
  try {
    let seeded = 0;
    if (config.dbIsDefault && store.kind === 'sqlite') {
      const report = await seedIfEmpty(store);
      seeded = report.added;
      for (const failure of report.failed) logger.error({ msg: 'seed not read', ...failure });
    }
    return { ...(await listen(store, config, logger)), seeded };
  } catch (error) {
    await store.close();
    throw error;
  }
}
