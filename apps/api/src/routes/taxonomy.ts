import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import type { AppEnv } from '../env.ts';
import { sendJson } from '../http-cache.ts';
import { validationHook } from '../problem.ts';
import { cachedHeaders, commonProblems, notModified, problemResponses } from '../responses.ts';
import { SourceListDoc, TagListDoc } from '../schemas.ts';
import { limitParam } from './params.ts';

const LimitQuery = z.object({ limit: limitParam(1000, 100) });

const tags = createRoute({
  method: 'get',
  path: '/tags',
  tags: ['taxonomy'],
  summary: 'Tags with article counts',
  request: { query: LimitQuery },
  responses: {
    200: {
      description: 'Tags, most used first.',
      headers: cachedHeaders,
      content: { 'application/json': { schema: TagListDoc } },
    },
    304: notModified,
    ...problemResponses(400, ...commonProblems),
  },
});

const sources = createRoute({
  method: 'get',
  path: '/sources',
  tags: ['taxonomy'],
  summary: 'Agencies and publishers with article counts',
  request: { query: LimitQuery },
  responses: {
    200: {
      description: 'Sources, most credited first.',
      headers: cachedHeaders,
      content: { 'application/json': { schema: SourceListDoc } },
    },
    304: notModified,
    ...problemResponses(400, ...commonProblems),
  },
});

/** `GET /tags` and `GET /sources`. */
export function taxonomyRoutes({ store }: RouteDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(tags, async (c) => sendJson(c, { items: await store.tags(c.req.valid('query').limit ?? 100) }))
    .openapi(sources, async (c) =>
      sendJson(c, { items: await store.sources(c.req.valid('query').limit ?? 100) }),
    );
}
