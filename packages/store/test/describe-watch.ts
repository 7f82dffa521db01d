import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArticleStore, StoreChange } from '../src/index.ts';
import { buildArticle } from './build-article.ts';
import type { StoreHarness } from './store-harness.ts';

const first = buildArticle({
  title: 'افتتاح معرض الكتاب في الرياض',
  publishedAt: '2023-09-18T10:00:00+03:00',
  body: ['افتتح المعرض أبوابه للزوار صباح اليوم.'],
  tags: ['معرض الكتاب'],
});
const second = buildArticle({
  title: 'ارتفاع أسعار النفط في الأسواق',
  publishedAt: '2023-09-19T09:00:00+03:00',
  body: ['ارتفعت أسعار النفط بعد قرار خفض الإنتاج.'],
});

/** Resolves with the first change `accept` takes, or rejects after `ms`. */
function nextChange(
  store: ArticleStore,
  accept: (change: StoreChange) => boolean,
  ms = 2000,
): Promise<StoreChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no change within ${ms} ms`));
    }, ms);
    const stop = store.watch((change) => {
      if (!accept(change)) return;
      clearTimeout(timer);
      stop();
      resolve(change);
    });
  });
}

const naming = (id: string) => (change: StoreChange) => change.ids.includes(id);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `watch` on a store: its own writes reported with their ids, and writes through a second store on the
 * same database (another process, as far as the database knows) reported within a second.
 */
export function describeWatch(name: string, open: () => Promise<StoreHarness>): void {
  describe(`${name}: watch`, () => {
    let harness: StoreHarness;
    let store: ArticleStore;
    const opened: ArticleStore[] = [];

    beforeEach(async () => {
      harness = await open();
      store = harness.store;
    });

    afterEach(async () => {
      for (const other of opened.splice(0)) await other.close();
      await harness.dispose();
    });

    it('reports its own writes with their ids, and unchanged batches not at all', async () => {
      const seen: StoreChange[] = [];
      const stop = store.watch((change) => {
        if (change.ids.length > 0) seen.push(change);
      });
      await store.upsertMany([first, second]);
      expect(seen).toEqual([{ ids: [first.id, second.id] }]);
      await store.upsertMany([first]);
      expect(seen).toHaveLength(1);
      await store.delete(second.id);
      expect(seen.at(-1)).toEqual({ ids: [second.id] });
      expect(await store.delete(second.id)).toBe(false);
      expect(seen).toHaveLength(2);
      stop();
      await store.upsert(second);
      expect(seen).toHaveLength(2);
    });

    it('reports a write through another store on the same database within a second', async () => {
      const other = await harness.reopen();
      opened.push(other);
      // A listener that does not take the change does not stop the others.
      store.watch(() => {
        throw new Error('listener failure');
      });
      // PostgreSQL names the ids; SQLite sees that the file changed, not what.
      const accept =
        store.kind === 'postgres' ? naming(first.id) : (change: StoreChange) => change.ids.length === 0;
      await settle(300);
      const changed = nextChange(store, accept);
      const started = performance.now();
      await other.upsert(first);
      const change = await changed;
      expect(performance.now() - started).toBeLessThan(1300);
      if (store.kind === 'postgres') expect(change.ids).toEqual([first.id]);
      if (store.kind === 'postgres') {
        const deleted = nextChange(store, naming(first.id));
        await other.delete(first.id);
        expect(await deleted).toEqual({ ids: [first.id] });
      }
    });

    it('stops reporting once every listener has stopped', async () => {
      const other = await harness.reopen();
      opened.push(other);
      let calls = 0;
      const stop = store.watch(() => {
        calls += 1;
      });
      await settle(300);
      stop();
      calls = 0;
      await other.upsert(second);
      await settle(600);
      expect(calls).toBe(0);
    });
  });
}
