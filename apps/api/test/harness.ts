import type { Article } from '@khabar/schema';
import type { ArticleStore } from '@khabar/store';
import { afterAll, beforeAll, describe } from 'vitest';
import { createApp } from '../src/app.ts';
import { type ApiConfig, loadConfig } from '../src/config.ts';
import type { Logger } from '../src/logger.ts';
import { silentLogger } from '../src/logger.ts';
import { fixtureDocuments, generatedDocuments, parsed } from './documents.ts';
import { type StoreKind, storeKinds } from './stores.ts';

export const apiKey = 'test-key-0123456789abcdef';
export const otherKey = 'another-key-0123456789abcdef';

/** A configuration for tests: one write key, no access log, everything else as given. */
export function testConfig(env: Record<string, string> = {}): ApiConfig {
  return loadConfig({ KHABAR_API_KEYS: `${apiKey},${otherKey}`, KHABAR_API_LOG: 'off', ...env });
}

export interface Harness {
  kind: StoreKind['name'];
  store: ArticleStore;
  app: ReturnType<typeof createApp>;
  /** The fixture articles by fixture name, as parsed. */
  fixtures: Record<string, Article>;
  /** The generated reports, as parsed. */
  reports: Article[];
  /** Another app over the same store with its own configuration and logger. */
  appWith(
    env: Record<string, string>,
    options?: { logger?: Logger; store?: ArticleStore; now?: () => number; signal?: AbortSignal },
  ): ReturnType<typeof createApp>;
  /** Another store over the same database, as another process would open it (closed after the tests). */
  openAnother(): Promise<ArticleStore>;
}

export const reportCount = 47;

/** Resolves at the store's first reported change, or after `ms` when none comes. */
function firstChange(store: ArticleStore, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const stop = store.watch(done);
    function done() {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

/**
 * Runs `body` once per real store, each filled with the fixtures and the generated reports before
 * its tests and removed after.
 */
export function describeEachStore(title: string, body: (harness: () => Harness) => void): void {
  for (const kind of storeKinds) {
    describe(`${title} (${kind.name})`, () => {
      let harness: Harness | undefined;
      let dispose: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const opened = await kind.open();
        dispose = opened.dispose;
        const fixtures = Object.fromEntries(
          Object.entries(fixtureDocuments()).map(([name, text]) => [name, parsed(text)]),
        );
        const reports = generatedDocuments(reportCount).map(parsed);
        await opened.store.upsertMany([...Object.values(fixtures), ...reports]);
        const appWith: Harness['appWith'] = (env, options = {}) =>
          createApp({
            store: options.store ?? opened.store,
            config: testConfig(env),
            logger: options.logger ?? silentLogger,
            ...(options.now ? { now: options.now } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
          });
        const app = appWith({});
        // PostgreSQL reports a change of unknown extent once its listening connection is up (it may have
        // missed notifications before): let that happen before the tests count what the caches keep.
        if (kind.name === 'postgres') await firstChange(opened.store, 5000);
        harness = {
          kind: kind.name,
          store: opened.store,
          app,
          fixtures,
          reports,
          appWith,
          openAnother: opened.openAnother,
        };
      });
      afterAll(async () => {
        await dispose?.();
      });
      body(() => {
        if (!harness) throw new Error('the store is not open yet');
        return harness;
      });
    });
  }
}

/** A bearer header with `key`. */
export function bearer(key: string = apiKey): Record<string, string> {
  return { Authorization: `Bearer ${key}` };
}
