import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { RouteDeps } from '../deps.ts';
import type { AppEnv } from '../env.ts';
import { cachePolicies, sendCached, strongEtag } from '../http-cache.ts';
import { validationHook } from '../problem.ts';
import { cachedHeaders, commonProblems, notModified, problemResponses } from '../responses.ts';
import { SearchPageDoc } from '../schemas.ts';
import { SearchParams } from './params.ts';

const search = createRoute({
  method: 'get',
  path: '/search',
  tags: ['search'],
  summary: 'Full-text search',
  description:
    'Ranked hits with the matched words highlighted in fragments of the original text. The query is ' +
    'read as plain words (Arabic is normalized and stemmed); operators and quotes have no special meaning. ' +
    'By default a story counts once, as its best-ranked article, and `alsoIn` names the other outlets ' +
    'that ran it; `collapse=none` lists every matching article.',
  request: { query: SearchParams },
  responses: {
    200: {
      description: 'One page of hits, best first.',
      headers: cachedHeaders,
      content: { 'application/json': { schema: SearchPageDoc } },
    },
    304: notModified,
    ...problemResponses(400, ...commonProblems),
  },
});

/** `GET /search`. */
export function searchRoutes({ store }: RouteDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(search, async (c) => {
    // Serialized where the search ran: the hits are sent as they come, never copied into objects here.
    const body = await store.searchJson(c.req.valid('query'));
    return sendCached(c, body as Uint8Array<ArrayBuffer>, strongEtag(body), {
      contentType: 'application/json; charset=UTF-8',
      cacheControl: cachePolicies.listing,
    });
  });
}
