import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { completeArticle } from '@khabar/parser';
import type { ArticleInput } from '@khabar/schema';
import { DEFAULT_RELATED } from '@khabar/store';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { requireApiKey } from '../auth.ts';
import type { RouteDeps } from '../deps.ts';
import type { AppEnv } from '../env.ts';
import { cachePolicies, sendCached, sendJson } from '../http-cache.ts';
import { ProblemError, validationHook } from '../problem.ts';
import { cachedHeaders, commonProblems, notModified, problemResponses } from '../responses.ts';
import {
  ArticleInputDoc,
  ArticlePageDoc,
  IngestOutcomeDoc,
  RelatedListDoc,
  StoredArticleDoc,
} from '../schemas.ts';
import { readArticleBody, readJsonBody } from './body.ts';
import { DocumentParams, IdOrSlugParams, IdParams, ListParams, limitParam } from './params.ts';

const listArticles = createRoute({
  method: 'get',
  path: '/articles',
  tags: ['articles'],
  summary: 'List articles, newest first',
  description: 'Undated articles come last. Follow `nextCursor` with the same filters for the next page.',
  request: { query: ListParams },
  responses: {
    200: {
      description: 'One page of article summaries.',
      headers: cachedHeaders,
      content: { 'application/json': { schema: ArticlePageDoc } },
    },
    304: notModified,
    ...problemResponses(400, ...commonProblems),
  },
});

const getArticle = createRoute({
  method: 'get',
  path: '/articles/{idOrSlug}',
  tags: ['articles'],
  summary: 'Get one article by id or slug',
  description:
    'Read-also and related items carry `link` when the store holds the article they name. `story` names ' +
    'the story the article belongs to (`GET /v1/stories/{id}` lists its other outlets); an article no ' +
    'other outlet ran is a story of one.',
  request: { params: IdOrSlugParams },
  responses: {
    200: {
      description: 'The article, with its story.',
      headers: cachedHeaders,
      content: { 'application/json': { schema: StoredArticleDoc } },
    },
    304: notModified,
    ...problemResponses(400, 404, ...commonProblems),
  },
});

const relatedArticles = createRoute({
  method: 'get',
  path: '/articles/{id}/related',
  tags: ['articles'],
  summary: 'Articles related to one article',
  description: 'Articles sharing tags, then similar in text; never the article itself.',
  request: {
    params: IdParams,
    query: z.object({ limit: limitParam(100, DEFAULT_RELATED) }),
  },
  responses: {
    200: {
      description: 'Related article summaries.',
      headers: cachedHeaders,
      content: { 'application/json': { schema: RelatedListDoc } },
    },
    304: notModified,
    ...problemResponses(400, 404, ...commonProblems),
  },
});

const security = [{ apiKey: [] }];

const createArticle = (writeGuard: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: 'post',
    path: '/articles',
    tags: ['articles'],
    summary: 'Store one article',
    description:
      'Send a raw document as `text/plain` or an HTML page as `text/html` (it is parsed first), or an ' +
      'article as JSON. Idempotent: 201 when ' +
      'the article is new, 200 when it was already stored (unchanged) or its text changed (updated).',
    security,
    request: {
      query: DocumentParams,
      body: {
        description: 'A raw document, or an article.',
        content: {
          'text/plain': { schema: z.string().describe('A raw document, as saved from a news site.') },
          'text/html': { schema: z.string().describe('An HTML page, as saved from a news site.') },
          'application/json': { schema: ArticleInputDoc },
        },
      },
    },
    middleware: [writeGuard, readJsonBody] as const,
    responses: {
      200: {
        description: 'Already stored: unchanged, or updated in place.',
        content: { 'application/json': { schema: IngestOutcomeDoc } },
      },
      201: {
        description: 'Stored as a new article; `Location` is its URL.',
        headers: { Location: { description: 'URL of the article.', schema: { type: 'string' } } },
        content: { 'application/json': { schema: IngestOutcomeDoc } },
      },
      ...problemResponses(400, 401, 403, 409, 413, 415, 422, ...commonProblems),
    },
  });

const deleteArticle = (writeGuard: MiddlewareHandler<AppEnv>) =>
  createRoute({
    method: 'delete',
    path: '/articles/{idOrSlug}',
    tags: ['articles'],
    summary: 'Delete one article by id or slug',
    security,
    middleware: [writeGuard] as const,
    request: { params: IdOrSlugParams },
    responses: {
      204: { description: 'Deleted.' },
      ...problemResponses(400, 401, 403, 404, ...commonProblems),
    },
  });

/** The article routes: reads are public and cached, writes need an API key. */
export function articleRoutes(deps: RouteDeps) {
  const { store, articles } = deps;
  const writeGuard = requireApiKey(deps.keys);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listArticles, async (c) => sendJson(c, await store.list(c.req.valid('query'))))
    .openapi(getArticle, async (c) => {
      const { idOrSlug } = c.req.valid('param');
      const stored = await store.get(idOrSlug);
      if (!stored) throw new ProblemError('not_found', `no article has the id or slug '${idOrSlug}'`);
      // A store written by an older version may hold appended articles without their identity.
      const { body, etag } = articles.serialize({ ...completeArticle(stored), story: stored.story });
      return sendCached(c, body, etag, {
        contentType: 'application/json; charset=UTF-8',
        cacheControl: cachePolicies.article,
      });
    })
    .openapi(relatedArticles, async (c) => {
      const { id } = c.req.valid('param');
      const { limit } = c.req.valid('query');
      const [article, items] = await Promise.all([store.get(id), store.related(id, limit)]);
      if (!article) throw new ProblemError('not_found', `no article has the id '${id}'`);
      return sendJson(c, { items });
    })
    .openapi(createArticle(writeGuard), async (c) => {
      // The validator checked JSON bodies against the article schema; the declared type is the union
      // of both media types' schemas, and the string one belongs to text bodies, which skip it.
      const article = await readArticleBody(
        c,
        () => c.req.valid('json') as ArticleInput,
        c.req.valid('query').url,
      );
      // The store reports the write to its watchers (see `followChanges`), which drop what is cached.
      const outcome = await store.upsert(article, { signal: c.get('signal') });
      if (outcome.status === 'added') {
        c.header('Location', `/v1/articles/${outcome.id}`);
        return c.json(outcome, 201);
      }
      return c.json(outcome, 200);
    })
    .openapi(deleteArticle(writeGuard), async (c) => {
      const { idOrSlug } = c.req.valid('param');
      const article = await store.get(idOrSlug);
      if (!article || !(await store.delete(article.id, { signal: c.get('signal') }))) {
        throw new ProblemError('not_found', `no article has the id or slug '${idOrSlug}'`);
      }
      return c.body(null, 204);
    });
}
