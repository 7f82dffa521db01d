import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { sendCached, strongEtag } from '../http-cache.ts';
import { validationHook } from '../problem.ts';

const openapiDocument = createRoute({
  method: 'get',
  path: '/openapi.json',
  tags: ['meta'],
  summary: 'This API as an OpenAPI 3.1 document',
  responses: {
    200: {
      description: 'The OpenAPI document.',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } },
    },
    304: { description: 'Not modified.' },
  },
});

/** `GET /openapi.json`, generated on first request from every registered route and then kept. */
export function openapiRoutes(generate: () => object) {
  let cached: { body: string; etag: string } | undefined;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(openapiDocument, (c) => {
    if (!cached) {
      const body = JSON.stringify(generate());
      cached = { body, etag: strongEtag(body) };
    }
    return sendCached(c, cached.body, cached.etag, {
      contentType: 'application/json; charset=UTF-8',
      cacheControl: 'no-cache',
    });
  });
}
