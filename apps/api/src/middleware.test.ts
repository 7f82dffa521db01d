import { Problem } from '@khabar/schema';
import { expect, it } from 'vitest';
import { apiKey, bearer, describeEachStore, otherKey } from '../test/harness.ts';
import type { Logger } from './logger.ts';

describeEachStore('shared middleware', (harness) => {
  const request = (path: string, init?: RequestInit) => harness().app.request(path, init);

  it('sends security headers, a CSP without outside sources, and no X-Powered-By', async () => {
    const response = await request('/v1/articles?limit=1');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:/);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('sends the same security headers on reads, 304s, problems and CORS answers', async () => {
    const app = harness().appWith({ KHABAR_API_RATE_LIMIT: '50' });
    const named = [
      'content-security-policy',
      'cross-origin-opener-policy',
      'cross-origin-resource-policy',
      'referrer-policy',
      'strict-transport-security',
      'x-content-type-options',
      'x-frame-options',
      'vary',
      'ratelimit-policy',
    ];
    const pick = (response: Response) => named.map((name) => response.headers.get(name));
    const read = await app.request('/v1/tags');
    const etag = read.headers.get('etag') ?? '';
    const answers = [
      await app.request('/v1/tags', { headers: { 'If-None-Match': etag } }),
      await app.request('/v1/nothing-here'),
      await app.request('/v1/tags', { headers: { Origin: 'https://reader.example' } }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([304, 404, 200]);
    expect(pick(read).every((value) => value !== null)).toBe(true);
    for (const answer of answers) {
      expect(pick(answer)).toEqual(pick(read));
      expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(answers[2]?.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('gives every response a request id, keeping a well-formed one the client sent', async () => {
    const generated = (await request('/healthz')).headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request('/healthz', { headers: { 'X-Request-Id': 'client-chosen-42' } });
    expect(kept.headers.get('x-request-id')).toBe('client-chosen-42');
    const replaced = await request('/healthz', { headers: { 'X-Request-Id': 'bad id\twith spaces' } });
    expect(replaced.headers.get('x-request-id')).not.toContain(' ');
  });

  it('allows any origin by default and only the configured ones when set', async () => {
    const open = await request('/v1/tags', { headers: { Origin: 'https://reader.example' } });
    expect(open.headers.get('access-control-allow-origin')).toBe('*');
    expect(open.headers.get('access-control-expose-headers')).toContain('ETag');

    const closed = harness().appWith({ KHABAR_API_CORS_ORIGINS: 'https://khabar.example' });
    const allowed = await closed.request('/v1/tags', { headers: { Origin: 'https://khabar.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://khabar.example');
    const refused = await closed.request('/v1/tags', { headers: { Origin: 'https://evil.example' } });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = await closed.request('/v1/articles', {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://khabar.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('logs one JSON record per request, and never the Authorization header or the key', async () => {
    const records: Record<string, unknown>[] = [];
    const logger: Logger = {
      info: (record) => records.push(record),
      error: (record) => records.push(record),
    };
    const app = harness().appWith({ KHABAR_API_LOG: 'json' }, { logger });
    const response = await app.request('/v1/articles?limit=1', { headers: bearer() });
    await app.request('/v1/nothing', { method: 'DELETE', headers: bearer(otherKey) });
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({
      msg: 'request',
      method: 'GET',
      path: '/v1/articles',
      status: 200,
      durationMs: expect.any(Number),
      requestId: response.headers.get('x-request-id'),
    });
    expect(records[1]).toMatchObject({ method: 'DELETE', path: '/v1/nothing', status: 404 });
    const logged = JSON.stringify(records);
    expect(logged).not.toContain(apiKey);
    expect(logged).not.toContain(otherKey);
    expect(logged.toLowerCase()).not.toContain('authorization');
  });

  it('writes no request records when the access log is off', async () => {
    const records: unknown[] = [];
    const logger: Logger = {
      info: (record) => records.push(record),
      error: (record) => records.push(record),
    };
    await harness().appWith({ KHABAR_API_LOG: 'off' }, { logger }).request('/v1/tags');
    expect(records).toEqual([]);
  });
});

describeEachStore('rate limiting', (harness) => {
  /** An app allowing 3 requests per minute, on a clock the test moves. */
  function limited() {
    let now = Date.UTC(2026, 0, 1, 12, 0, 10);
    const app = harness().appWith(
      { KHABAR_API_RATE_LIMIT: '3', KHABAR_API_RATE_WINDOW_S: '60' },
      { now: () => now },
    );
    return { app, advance: (ms: number) => (now += ms) };
  }

  it('counts down in RateLimit headers, then answers 429 with Retry-After until the window ends', async () => {
    const { app, advance } = limited();
    const remaining: (string | null)[] = [];
    for (let index = 0; index < 3; index += 1) {
      const response = await app.request('/v1/tags');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-policy')).toBe('"default";q=3;w=60');
      remaining.push(response.headers.get('ratelimit'));
    }
    expect(remaining).toEqual(['"default";r=2;t=50', '"default";r=1;t=50', '"default";r=0;t=50']);

    const limitedResponse = await app.request('/v1/articles');
    expect(limitedResponse.status).toBe(429);
    expect(limitedResponse.headers.get('retry-after')).toBe('50');
    const problem = Problem.parse(await limitedResponse.json());
    expect(problem.code).toBe('rate_limited');

    advance(50_000);
    expect((await app.request('/v1/tags')).status).toBe(200);
  });

  it('counts each valid key apart from the address, and an invalid key with the address', async () => {
    const { app } = limited();
    for (let index = 0; index < 3; index += 1) expect((await app.request('/v1/tags')).status).toBe(200);
    expect((await app.request('/v1/tags', { headers: bearer('made-up-key-0123456789') })).status).toBe(429);
    const withKey = await app.request('/v1/tags', { headers: bearer() });
    expect(withKey.status).toBe(200);
    expect(withKey.headers.get('ratelimit')).toBe('"default";r=2;t=50');
    expect((await app.request('/v1/tags', { headers: bearer(otherKey) })).status).toBe(200);
  });

  it('leaves exempt client addresses out of the limit, IPv4-mapped forms included', async () => {
    const app = harness().appWith({ KHABAR_API_RATE_LIMIT: '2', KHABAR_API_RATE_LIMIT_EXEMPT: '127.0.0.1' });
    const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
    for (let index = 0; index < 4; index += 1) {
      const site = await app.request('/v1/tags', {}, from(index % 2 ? '::ffff:127.0.0.1' : '127.0.0.1'));
      expect(site.status).toBe(200);
      expect(site.headers.get('ratelimit')).toBeNull();
    }
    expect((await app.request('/v1/tags', {}, from('10.0.0.7'))).status).toBe(200);
    expect((await app.request('/v1/tags', {}, from('10.0.0.7'))).status).toBe(200);
    expect((await app.request('/v1/tags', {}, from('10.0.0.7'))).status).toBe(429);
  });

  it('counts clients behind a trusted proxy apart, by the address it forwards', async () => {
    const from = (remoteAddress: string, forwardedFor: string) =>
      [
        { headers: { 'X-Forwarded-For': forwardedFor } },
        { incoming: { socket: { remoteAddress } } },
      ] as const;
    const behindProxy = harness().appWith({
      KHABAR_API_RATE_LIMIT: '1',
      KHABAR_API_TRUSTED_PROXIES: '10.0.0.0/8',
    });
    expect((await behindProxy.request('/v1/tags', ...from('10.0.0.2', '198.51.100.1'))).status).toBe(200);
    expect((await behindProxy.request('/v1/tags', ...from('10.0.0.2', '198.51.100.2'))).status).toBe(200);
    expect((await behindProxy.request('/v1/tags', ...from('10.0.0.3', '198.51.100.1'))).status).toBe(429);
    // A client that writes the header itself, past the proxy, is still counted by its own address.
    expect(
      (await behindProxy.request('/v1/tags', ...from('10.0.0.2', '192.0.2.9, 198.51.100.2'))).status,
    ).toBe(429);
    // Not trusted: the header is the client's own word, and every request is the proxy's.
    const direct = harness().appWith({ KHABAR_API_RATE_LIMIT: '1' });
    expect((await direct.request('/v1/tags', ...from('10.0.0.2', '198.51.100.1'))).status).toBe(200);
    expect((await direct.request('/v1/tags', ...from('10.0.0.2', '198.51.100.2'))).status).toBe(429);
  });

  it('leaves health checks and the reference out of the limit, and can be turned off', async () => {
    const { app } = limited();
    for (let index = 0; index < 5; index += 1) {
      expect((await app.request('/healthz')).status).toBe(200);
      expect((await app.request('/openapi.json')).status).toBe(200);
    }
    const unlimited = harness().appWith({ KHABAR_API_RATE_LIMIT: '0' });
    for (let index = 0; index < 5; index += 1) {
      const response = await unlimited.request('/v1/tags');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit')).toBeNull();
    }
  });
});
