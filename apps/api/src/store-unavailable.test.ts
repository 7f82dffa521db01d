import { type ScratchDatabase, scratchDatabase, testPostgresUrl } from '@khabar/devkit';
import { Problem } from '@khabar/schema';
import { openStore } from '@khabar/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDocuments, parsed } from '../test/documents.ts';
import { testConfig } from '../test/harness.ts';
import { createApp } from './app.ts';
import { silentLogger } from './logger.ts';

const url = testPostgresUrl();

describe.runIf(url)('a PostgreSQL database that refuses connections', () => {
  let scratch: ScratchDatabase;
  let close = async () => {};
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    scratch = await scratchDatabase(url as string, 'refuse');
    const store = await openStore(scratch.url, { poolSize: 2 });
    close = () => store.close();
    await store.upsertMany(Object.values(fixtureDocuments()).map(parsed));
    app = createApp({ store, config: testConfig({ KHABAR_API_CACHE_TTL_S: '0' }), logger: silentLogger });
    expect((await app.request('/v1/articles')).status).toBe(200);
    await scratch.refuseConnections();
  });
  afterAll(async () => {
    await close();
    await scratch?.drop();
  });

  it.each(['/v1/articles', '/v1/search?q=%D9%88%D8%B2%D9%8A%D8%B1', '/v1/tags', '/v1/sources', '/readyz'])(
    'answers %s with 503 unavailable and Retry-After, not 500',
    async (path) => {
      const response = await app.request(path);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('retry-after')).toBe('10');
      const problem = Problem.parse(await response.json());
      expect(problem).toMatchObject({ status: 503, code: 'unavailable', type: '/problems/unavailable' });
      expect(problem.detail).not.toMatch(/\bat .*\.ts:\d+/);
    },
  );
});
