import { randomBytes } from 'node:crypto';
import {
  type ScratchDatabase,
  type Service,
  scratchDatabase,
  testPostgresUrl,
  testRedisUrl,
} from '@khabar/devkit';
import { Problem } from '@khabar/schema';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiProcesses } from '../test/api-processes.ts';
import { generatedDocuments, parsed } from '../test/documents.ts';
import { apiKey, bearer } from '../test/harness.ts';

// Three API processes on one PostgreSQL database and one Redis, driven from loopback: writes through
// any process show on every process within a second (the read caches follow LISTEN/NOTIFY), none is
// lost, and the rate limit is one budget across the three (counted in Redis).
const pgUrl = testPostgresUrl();
const redisUrl = testRedisUrl();

const processCount = 3;
const rateLimit = 100;
const overLimit = 20;
/** Adds, then updates and deletes, per process. */
const addsEach = 12;
const updatesEach = 4;
const deletesEach = 2;
const visibleWithinMs = 1000;

const run = randomBytes(4).toString('hex');
let requestNumber = 0;
/**
 * A client address of its own for each request of the mixed load (the processes trust loopback as a
 * proxy), so that load never meets the rate limit; the rate limit check uses one address throughout.
 */
function freshClient(): Record<string, string> {
  requestNumber += 1;
  return { 'X-Forwarded-For': `2001:db8:${run.slice(0, 4)}:${run.slice(4)}::${requestNumber.toString(16)}` };
}

interface Written {
  id: string;
  /** The content hash every process must show, or null once deleted. */
  contentHash: string | null;
}

describe.runIf(pgUrl && redisUrl)('three API processes on one PostgreSQL and one Redis', () => {
  let database: ScratchDatabase | undefined;
  const services: Service[] = [];
  const keyPrefix = `khabar-test-${run}:`;

  beforeAll(async () => {
    database = await scratchDatabase(pgUrl ?? '', 'scale');
    const db = database.url;
    services.push(
      ...(await startApiProcesses(processCount, {
        KHABAR_DB: db,
        KHABAR_API_HOST: '127.0.0.1',
        KHABAR_API_KEYS: apiKey,
        KHABAR_REDIS_URL: redisUrl ?? '',
        KHABAR_REDIS_KEY_PREFIX: keyPrefix,
        KHABAR_API_RATE_LIMIT: String(rateLimit),
        KHABAR_API_RATE_WINDOW_S: '60',
        KHABAR_API_TRUSTED_PROXIES: '127.0.0.1',
        // Far longer than the test: whatever shows on another process came through invalidation.
        KHABAR_API_CACHE_TTL_S: '600',
        KHABAR_API_LOG: 'off',
      })),
    );
  }, 60_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await database?.drop();
    const redis = new Redis(redisUrl ?? '');
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }, 30_000);

  const url = (index: number, path: string) => `${services[index % processCount]?.url}${path}`;

  it('counts rate limits in Redis on every process', () => {
    for (const service of services) {
      expect(service.output()).toContain('"msg":"rate limits","store":"redis"');
    }
  });

  it('shows every write on every process within a second, loses none, and answers every read', async () => {
    const documents = generatedDocuments(processCount * addsEach);
    const written = new Map<string, Written>();
    const failures: string[] = [];
    let worstLagMs = 0;
    let writing = true;

    /** Asks every process for the article until each shows `expected`; the time that took. */
    async function visibleEverywhere(id: string, contentHash: string | null): Promise<number> {
      const since = performance.now();
      const deadline = since + visibleWithinMs;
      for (let index = 0; index < processCount; index += 1) {
        for (;;) {
          const response = await fetch(url(index, `/v1/articles/${id}`), { headers: freshClient() });
          const body =
            response.status === 200
              ? ((await response.json()) as { provenance: { contentHash: string } })
              : null;
          if (response.status !== 200 && response.status !== 404)
            failures.push(`GET ${id}: ${response.status}`);
          const shown = body === null ? null : body.provenance.contentHash;
          if (shown === contentHash) break;
          if (performance.now() > deadline) {
            failures.push(`process ${index + 1} still showed ${shown} for ${id} after ${visibleWithinMs} ms`);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
      return performance.now() - since;
    }

    /** Every process reads the article first, so a stale copy sits in each one's cache. */
    async function readEverywhere(id: string): Promise<void> {
      for (let index = 0; index < processCount; index += 1) {
        await (await fetch(url(index, `/v1/articles/${id}`), { headers: freshClient() })).arrayBuffer();
      }
    }

    async function write(processIndex: number, text: string, expected: 200 | 201): Promise<void> {
      const article = parsed(text);
      await readEverywhere(article.id);
      const response = await fetch(url(processIndex, '/v1/articles'), {
        method: 'POST',
        body: text,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', ...bearer() },
      });
      if (response.status !== expected) failures.push(`POST ${article.id}: ${response.status}`);
      const outcome = (await response.json()) as { id: string };
      written.set(outcome.id, { id: outcome.id, contentHash: article.provenance.contentHash });
      worstLagMs = Math.max(worstLagMs, await visibleEverywhere(outcome.id, article.provenance.contentHash));
    }

    async function remove(processIndex: number, id: string): Promise<void> {
      await readEverywhere(id);
      const response = await fetch(url(processIndex, `/v1/articles/${id}`), {
        method: 'DELETE',
        headers: bearer(),
      });
      if (response.status !== 204) failures.push(`DELETE ${id}: ${response.status}`);
      written.set(id, { id, contentHash: null });
      worstLagMs = Math.max(worstLagMs, await visibleEverywhere(id, null));
    }

    /** One process's writer: its own documents added, some updated in place, some deleted. */
    async function writer(processIndex: number): Promise<void> {
      const own = documents.filter((_, index) => index % processCount === processIndex);
      for (const text of own) await write(processIndex, text, 201);
      for (const text of own.slice(0, updatesEach)) {
        await write(processIndex, text.replace('خلال الأسبوع الماضي', 'خلال الشهر الماضي'), 200);
      }
      for (const text of own.slice(updatesEach, updatesEach + deletesEach)) {
        await remove((processIndex + 1) % processCount, parsed(text).id);
      }
    }

    const readPaths = [
      '/v1/articles?limit=20',
      '/v1/articles?tag=%D8%AA%D9%82%D8%A7%D8%B1%D9%8A%D8%B1&limit=5',
      `/v1/search?q=${encodeURIComponent('أسواق الرياض')}`,
      '/v1/tags',
      '/v1/sources',
      '/v1/feeds/atom?limit=5',
    ];
    let reads = 0;
    /** Mixed reads against every process while the writers run (bounded: at most 400 each). */
    async function reader(offset: number): Promise<void> {
      for (let step = 0; writing && step < 400; step += 1) {
        const path = readPaths[(offset + step) % readPaths.length] ?? '/v1/tags';
        const response = await fetch(url(offset + step, path), { headers: freshClient() });
        await response.arrayBuffer();
        reads += 1;
        if (response.status !== 200) failures.push(`GET ${path}: ${response.status}`);
      }
    }

    const readers = [0, 1, 2].map(reader);
    await Promise.all(Array.from({ length: processCount }, (_, index) => writer(index)));
    writing = false;
    await Promise.all(readers);

    expect(failures).toEqual([]);
    expect(reads).toBeGreaterThan(0);
    expect(worstLagMs).toBeLessThan(visibleWithinMs);
    expect(written.size).toBe(processCount * addsEach);

    // No lost write: every process lists exactly the articles that should remain, as last written.
    const remaining = [...written.values()].filter((entry) => entry.contentHash !== null);
    expect(remaining).toHaveLength(processCount * (addsEach - deletesEach));
    for (let index = 0; index < processCount; index += 1) {
      const listed: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const response = await fetch(url(index, `/v1/articles?limit=100${query}`), {
          headers: freshClient(),
        });
        const page = (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
        listed.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(listed.sort()).toEqual(remaining.map((entry) => entry.id).sort());
      for (const entry of remaining) {
        const response = await fetch(url(index, `/v1/articles/${entry.id}`), { headers: freshClient() });
        const body = (await response.json()) as { provenance: { contentHash: string } };
        expect(body.provenance.contentHash).toBe(entry.contentHash);
      }
    }
  }, 60_000);

  it('holds the rate limit as one budget across the three processes', async () => {
    const client = { 'X-Forwarded-For': `2001:db8:${run.slice(0, 4)}:${run.slice(4)}:ffff::1` };
    const statuses = new Map<number, number>();
    const problems: unknown[] = [];
    const total = rateLimit + overLimit;
    let next = 0;
    // Six requests in flight at a time, spread round robin over the processes.
    async function sender(): Promise<void> {
      while (next < total) {
        const index = next;
        next += 1;
        const response = await fetch(url(index, '/v1/tags'), { headers: client });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 429) {
          expect(response.headers.get('content-type')).toBe('application/problem+json');
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
          problems.push(await response.json());
        } else {
          await response.arrayBuffer();
        }
      }
    }
    await Promise.all(Array.from({ length: 6 }, sender));
    expect(Object.fromEntries(statuses)).toEqual({ 200: rateLimit, 429: overLimit });
    for (const problem of problems) expect(Problem.parse(problem).code).toBe('rate_limited');
    for (const service of services) expect(service.output()).not.toContain('rate limit store unavailable');
  }, 30_000);
});
