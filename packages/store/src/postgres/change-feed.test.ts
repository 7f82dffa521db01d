import { randomBytes } from 'node:crypto';
import { testPostgresUrl } from '@khabar/devkit';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { buildArticle } from '../../test/build-article.ts';
import type { StoreChange } from '../types.ts';
import { CHANGE_FEED_NAME, changePayload, readPayload } from './change-feed.ts';
import { createPostgresStore } from './postgres-store.ts';

const url = testPostgresUrl();

describe('change notifications', () => {
  it('carry origin, schema and ids, and no ids when the list would not fit', () => {
    const ids = ['a1', 'b2'];
    expect(readPayload(changePayload('me', 'news', ids))).toEqual({ origin: 'me', schema: 'news', ids });
    const many = Array.from({ length: 1000 }, (_, index) => `${index}`.padStart(16, '0'));
    const payload = changePayload('me', 'news', many);
    expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(readPayload(payload)?.ids).toEqual([]);
  });

  it('ignore payloads that are not ours', () => {
    for (const text of [
      undefined,
      '',
      'x',
      '[]',
      'null',
      '{"origin":1,"schema":"","ids":[]}',
      '{"origin":"o"}',
    ]) {
      expect(readPayload(text)).toBeNull();
    }
    expect(readPayload('{"origin":"o","schema":"","ids":["a",2]}')?.ids).toEqual(['a']);
  });
});

describe.runIf(url)('the PostgreSQL change feed', () => {
  const article = buildArticle({
    title: 'انطلاق موسم الرياض',
    publishedAt: '2023-10-28T20:00:00+03:00',
    body: ['انطلق الموسم بحفل افتتاح في الرياض.'],
  });

  it('listens again after its connection is cut, and says that it may have missed changes', async () => {
    const schema = `khabar_test_${randomBytes(6).toString('hex')}`;
    const reader = await createPostgresStore(url as string, { schema, poolSize: 2 });
    const writer = await createPostgresStore(url as string, { schema, poolSize: 2 });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const changes: StoreChange[] = [];
    const stop = reader.watch((change) => changes.push(change));
    try {
      await waitFor(() => changes.length === 1);
      expect(changes[0]).toEqual({ ids: [] });
      // Cuts the connection that listens for this schema's changes.
      const { rowCount } = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE application_name = $1 AND datname = current_database()`,
        [`${CHANGE_FEED_NAME} ${schema}`],
      );
      expect(rowCount).toBeGreaterThan(0);
      await waitFor(() => changes.length === 2);
      expect(changes[1]).toEqual({ ids: [] });
      await writer.upsert(article);
      await waitFor(() => changes.length === 3);
      expect(changes[2]).toEqual({ ids: [article.id] });
    } finally {
      stop();
      await reader.close();
      await writer.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});

describe.runIf(url)('the PostgreSQL change feed, watched again', () => {
  it('keeps one listening connection when watched, stopped and watched again, and none once closed', async () => {
    const schema = `khabar_test_${randomBytes(6).toString('hex')}`;
    const store = await createPostgresStore(url as string, { schema, poolSize: 2 });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const listening = async () =>
      Number(
        (
          await admin.query<{ count: string }>(
            'SELECT count(*) AS count FROM pg_stat_activity WHERE application_name = $1',
            [`${CHANGE_FEED_NAME} ${schema}`],
          )
        ).rows[0]?.count,
      );
    try {
      const first: StoreChange[] = [];
      store.watch((change) => first.push(change))();
      const changes: StoreChange[] = [];
      const stop = store.watch((change) => changes.push(change));
      await waitFor(() => changes.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(await listening()).toBe(1);
      stop();
      await store.close();
      await waitFor(() => true);
      let left = await listening();
      for (let tries = 0; left > 0 && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        left = await listening();
      }
      expect(left).toBe(0);
    } finally {
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});

async function waitFor(done: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
