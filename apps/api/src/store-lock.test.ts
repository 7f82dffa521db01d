import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdWriteLock } from '@khabar/devkit';
import type { Article } from '@khabar/schema';
import { type ArticleStore, createSqliteStore } from '@khabar/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatedDocuments, parsed } from '../test/documents.ts';
import { bearer, testConfig } from '../test/harness.ts';
import { silentLogger } from './logger.ts';
import { listen, type RunningApi } from './server.ts';

interface Timed {
  status: number;
  ms: number;
  body: { code?: string };
  contentType: string | null;
}

describe('the API while another process holds the SQLite write lock', () => {
  let folder: string;
  let location: string;
  let store: ArticleStore;
  let api: RunningApi | undefined;
  const [stored, waiting] = generatedDocuments(2).map(parsed) as [Article, Article];

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'khabar-api-lock-'));
    location = join(folder, 'khabar.db');
  });
  afterEach(async () => {
    await api?.close();
    api = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  /** Starts the API over a store whose writes wait `busyTimeoutMs` for the lock. */
  async function start(busyTimeoutMs: number, env: Record<string, string> = {}): Promise<string> {
    store = await createSqliteStore(location, { busyTimeoutMs, searchThreads: 1 });
    await store.upsert(stored);
    api = await listen(store, testConfig({ KHABAR_API_PORT: '0', ...env }), silentLogger);
    return api.url;
  }

  /** Sends a request and times it from `since` (the moment every request of a round was sent). */
  async function timed(since: number, url: string, init: RequestInit = {}): Promise<Timed> {
    const response = await fetch(url, init);
    const text = await response.text();
    const contentType = response.headers.get('content-type');
    return {
      status: response.status,
      ms: performance.now() - since,
      body: contentType?.includes('json') ? (JSON.parse(text) as { code?: string }) : {},
      contentType,
    };
  }

  const post = (article: Article): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...bearer() },
    body: JSON.stringify(article),
  });

  it('answers health checks and reads at once, and the waiting write 503 after the busy timeout', async () => {
    const url = await start(1500);
    // Warm, as a server that has served is: six connections open, the search thread started.
    const search = `/v1/search?q=${encodeURIComponent('التقرير')}`;
    for (let round = 0; round < 2; round++) {
      await Promise.all(
        ['/healthz', '/readyz', search, '/v1/tags', '/healthz', '/readyz'].map((path) =>
          timed(performance.now(), `${url}${path}`),
        ),
      );
    }
    const holder = await holdWriteLock(location, 3000);

    const sent = performance.now();
    const write = timed(sent, `${url}/v1/articles`, post(waiting));
    const together = await Promise.all([
      timed(sent, `${url}/healthz`),
      timed(sent, `${url}/readyz`),
      timed(sent, `${url}/v1/articles?limit=5`),
      timed(sent, `${url}/v1/articles/${stored.id}`),
      timed(sent, `${url}/v1/search?q=${encodeURIComponent('الأسواق')}`),
    ]);
    // Rounds while the write waits for the lock, each with URLs the read cache has not seen. A server
    // whose thread waited with the write would answer none of them before the write failed.
    const during: Timed[] = [];
    let rounds = 0;
    while (performance.now() - sent < 1300) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const begin = performance.now();
      during.push(
        ...(await Promise.all([
          timed(begin, `${url}/healthz`),
          timed(begin, `${url}/v1/articles?limit=${rounds + 1}`),
          timed(begin, `${url}/v1/tags?limit=${rounds + 1}`),
          timed(begin, `${url}/v1/search?q=${encodeURIComponent('التقرير')}&limit=${rounds + 1}`),
        ])),
      );
      rounds++;
    }
    const written = await write;

    expect(rounds).toBeGreaterThanOrEqual(10);
    // Far under the 1.5 s the write waits, with room for a machine busy with other work: a read held up
    // behind the write would take the whole wait.
    for (const read of [...together, ...during]) {
      expect(read.status).toBe(200);
      expect(read.ms).toBeLessThan(300);
    }
    expect(written.status).toBe(503);
    expect(written.contentType).toBe('application/problem+json');
    expect(written.body.code).toBe('unavailable');
    expect(written.ms).toBeGreaterThanOrEqual(1450);
    expect(written.ms).toBeLessThan(2500);

    await holder.released;
    expect(await store.get(waiting.id)).toBeNull();
    expect((await timed(performance.now(), `${url}/v1/articles`, post(waiting))).status).toBe(201);
  });

  it('cuts a waiting write short at the request timeout (504) and never stores it later', async () => {
    const url = await start(5000, { KHABAR_API_TIMEOUT_MS: '400' });
    const holder = await holdWriteLock(location, 1500);
    const sent = performance.now();
    const written = await timed(sent, `${url}/v1/articles`, post(waiting));
    expect(written.status).toBe(504);
    expect(written.ms).toBeLessThan(1000);
    await holder.released;
    expect(await store.get(waiting.id)).toBeNull();
  });
});
