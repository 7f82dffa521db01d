import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { StoreError } from '@khabar/store';
import type { RouteDeps } from '../deps.ts';
import type { AppEnv } from '../env.ts';
import { cachePolicies } from '../http-cache.ts';
import { damageDetail, ProblemError, storeProblem, validationHook } from '../problem.ts';
import { problemResponses } from '../responses.ts';
import { Health, Readiness } from '../schemas.ts';

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'Liveness: the process answers',
  responses: { 200: { description: 'Up.', content: { 'application/json': { schema: Health } } } },
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['health'],
  summary: 'Readiness: the store answers and has met no damage',
  responses: {
    200: { description: 'Ready.', content: { 'application/json': { schema: Readiness } } },
    ...problemResponses(503),
  },
});

/** `GET /healthz` and `GET /readyz`, outside `/v1` and its rate limit. */
export function healthRoutes({ store }: RouteDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(healthz, (c) => {
      c.header('Cache-Control', cachePolicies.none);
      return c.json({ status: 'ok' as const }, 200);
    })
    .openapi(readyz, async (c) => {
      const damage = store.damage();
      if (damage !== null) throw new ProblemError('store_damaged', damageDetail(damage));
      try {
        await store.ping();
      } catch (error) {
        if (error instanceof StoreError && error.code === 'corrupt') throw storeProblem(error);
        throw new ProblemError('unavailable', `the ${store.kind} store does not answer`);
      }
      c.header('Cache-Control', cachePolicies.none);
      return c.json({ status: 'ok' as const, store: store.kind }, 200);
    });
}
