import { randomBytes } from 'node:crypto';
import { freePort, testRedisUrl } from '@khabar/devkit';
import { Problem } from '@khabar/schema';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKey, bearer, otherKey, testConfig } from '../test/harness.ts';
import { redisRelay } from '../test/redis-relay.ts';
import { type OpenedStore, storeKinds } from '../test/stores.ts';
import { createApp } from './app.ts';
import type { Logger } from './logger.ts';
import { type RateCounter, RedisWindows } from './rate-windows.ts';

const redisUrl = testRedisUrl();

function recordingLogger() {
  const records: { level: string; record: Record<string, unknown> }[] = [];
  const logger: Logger = {
    info: (record) => records.push({ level: 'info', record }),
    error: (record) => records.push({ level: 'error', record }),
  };
  return { logger, records };
}

let opened: OpenedStore;
const counters: RateCounter[] = [];
beforeAll(async () => {
  const sqlite = storeKinds.find((kind) => kind.name === 'sqlite');
  if (!sqlite) throw new Error('no SQLite store kind');
  opened = await sqlite.open();
});
afterAll(async () => {
  for (const counter of counters.splice(0)) await counter.close();
  await opened.dispose();
});

/** An app counting `limit` requests per minute in `counter`, with the keys in the order given. */
function appWith(counter: RateCounter, limit: number, keys = `${apiKey},${otherKey}`) {
  counters.push(counter);
  return createApp({
    store: opened.store,
    config: testConfig({ KHABAR_API_RATE_LIMIT: String(limit), KHABAR_API_KEYS: keys }),
    rateCounter: counter,
    logger: recordingLogger().logger,
  });
}

const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('rate limit windows in Redis, Redis unreachable', () => {
  it('counts in the process instead, logs it once, and never answers with a stack trace', async () => {
    const { logger, records } = recordingLogger();
    const counter = new RedisWindows({
      url: `redis://127.0.0.1:${await freePort()}`,
      keyPrefix: 'khabar-test:',
      limit: 2,
      windowSeconds: 60,
      logger,
    });
    expect(await counter.ready(200)).toBe(false);
    const app = appWith(counter, 2);
    const statuses: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await app.request('/v1/tags', {}, from('192.0.2.1'));
      statuses.push(response.status);
      if (response.status === 429) {
        const text = await response.text();
        expect(Problem.parse(JSON.parse(text)).code).toBe('rate_limited');
        expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
        expect(text).not.toContain('ECONNREFUSED');
      }
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(counter.mode).toBe('redis-unavailable');
    const errors = records.filter((entry) => entry.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.record.msg).toMatch(/rate limit store unavailable/);
    expect(errors[0]?.record).not.toHaveProperty('stack');
  });
});

describe.runIf(redisUrl)('rate limit windows in Redis', () => {
  const prefix = `khabar-test-${randomBytes(5).toString('hex')}:`;
  const url = redisUrl ?? '';
  const windows = (limit: number, logger: Logger = recordingLogger().logger, at = url) =>
    new RedisWindows({ url: at, keyPrefix: prefix, limit, windowSeconds: 60, logger });

  afterAll(async () => {
    const redis = new Redis(url);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('is one budget for apps sharing Redis, counted down in RateLimit headers', async () => {
    const [first, second] = [windows(3), windows(3)];
    expect(await first.ready(5000)).toBe(true);
    expect(await second.ready(5000)).toBe(true);
    const apps = [appWith(first, 3), appWith(second, 3)];
    const seen: (string | null)[] = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await apps[index % 2]?.request('/v1/tags', {}, from('198.51.100.20'));
      expect(response?.status).toBe(200);
      seen.push(response?.headers.get('ratelimit')?.replace(/;t=\d+$/, '') ?? null);
    }
    expect(seen).toEqual(['"default";r=2', '"default";r=1', '"default";r=0']);
    for (const app of apps) {
      const refused = await app.request('/v1/tags', {}, from('198.51.100.20'));
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(Problem.parse(await refused.json()).code).toBe('rate_limited');
    }
    expect((await apps[1]?.request('/v1/tags', {}, from('198.51.100.21')))?.status).toBe(200);
  });

  it('counts a key as one client in every app, whatever order the keys are configured in', async () => {
    const [first, second] = [windows(2), windows(2)];
    await first.ready(5000);
    await second.ready(5000);
    const one = appWith(first, 2, `${apiKey},${otherKey}`);
    const other = appWith(second, 2, `${otherKey},${apiKey}`);
    expect((await one.request('/v1/tags', { headers: bearer(otherKey) })).status).toBe(200);
    expect((await other.request('/v1/tags', { headers: bearer(otherKey) })).status).toBe(200);
    expect((await one.request('/v1/tags', { headers: bearer(otherKey) })).status).toBe(429);
    expect((await other.request('/v1/tags', { headers: bearer(apiKey) })).status).toBe(200);
  });

  it('counts in the process while Redis is away, and in Redis again once it is back', async () => {
    const relay = await redisRelay(url);
    try {
      const { logger, records } = recordingLogger();
      const counter = windows(3, logger, relay.url);
      expect(await counter.ready(5000)).toBe(true);
      const app = appWith(counter, 3);
      const ask = async () => {
        const response = await app.request('/v1/tags', {}, from('203.0.113.30'));
        return `${response.status} ${response.headers.get('ratelimit')?.replace(/;t=\d+$/, '')}`;
      };
      expect([await ask(), await ask()]).toEqual(['200 "default";r=2', '200 "default";r=1']);

      relay.cut();
      // This process's own windows, from zero: the limit still holds for it.
      expect([await ask(), await ask(), await ask(), await ask()]).toEqual([
        '200 "default";r=2',
        '200 "default";r=1',
        '200 "default";r=0',
        '429 "default";r=0',
      ]);
      expect(records.filter((entry) => entry.level === 'error')).toHaveLength(1);

      relay.restore();
      expect(await counter.ready(10_000)).toBe(true);
      // Redis kept the two requests counted before it went away.
      expect([await ask(), await ask()]).toEqual(['200 "default";r=0', '429 "default";r=0']);
      expect(counter.mode).toBe('redis');
      expect(records.map((entry) => entry.record.msg)).toContain(
        'rate limit store available again; counting across processes',
      );
    } finally {
      await relay.close();
    }
  });
});
