import { Problem } from '@khabar/schema';
import { StoreError } from '@khabar/store';
import { expect, it } from 'vitest';
import { describeEachStore } from '../test/harness.ts';
import { replacing } from '../test/replacing.ts';
import type { Logger } from './logger.ts';
import { problemTypes } from './problem.ts';

function recordingLogger() {
  const errors: Record<string, unknown>[] = [];
  const logger: Logger = { info: () => {}, error: (record) => errors.push(record) };
  return { logger, errors };
}

async function problemOf(response: Response) {
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.headers.get('cache-control')).toBe('no-store');
  const problem = Problem.parse(await response.json());
  expect(problem.status).toBe(response.status);
  expect(problem.type).toBe(`/problems/${problem.code}`);
  expect(problem.title).toBe(problemTypes[problem.code as keyof typeof problemTypes].title);
  return problem;
}

describeEachStore('errors as problem+json', (harness) => {
  const request = (path: string, init?: RequestInit) => harness().app.request(path, init);

  it('answers an unknown route with 404 naming the request and its id', async () => {
    const response = await request('/v1/nothing-here');
    expect(response.status).toBe(404);
    const problem = await problemOf(response);
    expect(problem.code).toBe('not_found');
    expect(problem.detail).toContain('/v1/nothing-here');
    expect(problem.instance).toBe(`/v1/nothing-here#${response.headers.get('x-request-id')}`);
  });

  it.each([
    ['PUT', '/v1/articles', 'GET, HEAD, POST'],
    ['PATCH', '/v1/articles/0aba4fb405f28485', 'GET, HEAD, DELETE'],
    ['DELETE', '/v1/tags', 'GET, HEAD'],
    ['POST', '/healthz', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const response = await request(path, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')?.split(', ').sort()).toEqual(allow.split(', ').sort());
    expect((await problemOf(response)).code).toBe('method_not_allowed');
  });

  it('answers HEAD like GET, without a body', async () => {
    const response = await request('/v1/articles?limit=2', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"/);
    expect(await response.text()).toBe('');
  });

  it('answers a request slower than the timeout with 504 timeout', async () => {
    const { store } = harness();
    const slow = replacing(store, 'list', async (query) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return store.list(query);
    });
    const app = harness().appWith({ KHABAR_API_TIMEOUT_MS: '50' }, { store: slow });
    const response = await app.request('/v1/articles');
    expect(response.status).toBe(504);
    const problem = await problemOf(response);
    expect(problem.code).toBe('timeout');
    expect(problem.detail).toContain('50 ms');
  });

  it('answers an unexpected exception with 500, logging the stack but never sending it', async () => {
    const { logger, errors } = recordingLogger();
    const failing = replacing(harness().store, 'tags', async () => {
      throw new Error('secret connection string postgres://admin:hunter2@db');
    });
    const response = await harness().appWith({}, { store: failing, logger }).request('/v1/tags');
    expect(response.status).toBe(500);
    const text = await response.clone().text();
    expect(text).not.toContain('hunter2');
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
    const problem = await problemOf(response);
    expect(problem.code).toBe('internal_error');
    expect(problem.detail).toContain(response.headers.get('x-request-id') ?? 'missing');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ requestId: response.headers.get('x-request-id'), path: '/v1/tags' });
    expect(String(errors[0]?.error)).toContain('hunter2');
  });

  it.each([
    ['invalid_query', 400, 'invalid_query', null],
    ['slug_taken', 409, 'slug_taken', null],
    ['unavailable', 503, 'unavailable', '10'],
    ['migration_failed', 503, 'unavailable', '10'],
    ['corrupt', 503, 'store_damaged', '300'],
  ] as const)('maps StoreError %s to %i %s', async (storeCode, status, code, retryAfter) => {
    const { logger, errors } = recordingLogger();
    const failing = replacing(harness().store, 'searchJson', async () => {
      throw new StoreError(storeCode, `store says ${storeCode}`);
    });
    const response = await harness().appWith({}, { store: failing, logger }).request('/v1/search?q=x');
    expect(response.status).toBe(status);
    expect(response.headers.get('retry-after')).toBe(retryAfter);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ code, detail: expect.stringMatching(`^store says ${storeCode}`) });
    if (code === 'store_damaged') expect(problem.detail).toContain("run 'khabar check'");
    expect(errors).toEqual([]);
  });

  it.each(['/v1/articles', '/v1/tags', '/v1/sources', '/v1/search?q=x', '/v1/articles/0aba4fb405f28485'])(
    'answers %s with 503 store_damaged, never 500, when a read meets damaged data',
    async (path) => {
      const malformed = () => Promise.reject(new StoreError('corrupt', 'database disk image is malformed'));
      let failing = harness().store;
      for (const method of ['list', 'get', 'searchJson', 'tags', 'sources'] as const) {
        failing = replacing(failing, method, malformed);
      }
      const response = await harness()
        .appWith({ KHABAR_API_CACHE_TTL_S: '0' }, { store: failing })
        .request(path);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('300');
      expect(await problemOf(response)).toMatchObject({
        code: 'store_damaged',
        detail: "database disk image is malformed; run 'khabar check' on the store to see what is damaged",
      });
    },
  );

  it('answers /readyz 200 while the store answers, and 503 unavailable when it does not', async () => {
    const ready = await request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', store: harness().kind });

    const down = replacing(harness().store, 'ping', () => Promise.reject(new Error('connection refused')));
    const response = await harness().appWith({}, { store: down }).request('/readyz');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect((await problemOf(response)).code).toBe('unavailable');
  });

  it('answers /readyz 503 store_damaged with the damage the store has met, though it still answers', async () => {
    const damaged = replacing(
      harness().store,
      'damage',
      () => 'index articles_newest is corrupt (SQLSTATE XX002)',
    );
    const response = await harness().appWith({}, { store: damaged }).request('/readyz');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('300');
    expect(await problemOf(response)).toMatchObject({
      code: 'store_damaged',
      detail:
        "index articles_newest is corrupt (SQLSTATE XX002); run 'khabar check' on the store to see what is damaged",
    });
  });

  it('answers /healthz 200 whatever the store does', async () => {
    const down = replacing(harness().store, 'ping', () => Promise.reject(new Error('connection refused')));
    const response = await harness().appWith({}, { store: down }).request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
