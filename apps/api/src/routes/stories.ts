import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { RouteDeps } from '../deps.ts';
import type { AppEnv } from '../env.ts';
import { sendJson } from '../http-cache.ts';
import { ProblemError, validationHook } from '../problem.ts';
import { cachedHeaders, commonProblems, notModified, problemResponses } from '../responses.ts';
import { StoryDoc, StoryPageDoc } from '../schemas.ts';
import { StoryIdParams, StoryListParams } from './params.ts';

const listStories = createRoute({
  method: 'get',
  path: '/stories',
  tags: ['stories'],
  summary: 'List stories, the latest first',
  description:
    'A story is one piece of news as every stored outlet ran it. Stories are ordered by their latest ' +
    'article, newest first; undated stories come last. Filters match any article of a story. By ' +
    'default only stories of two or more articles are listed. Follow `nextCursor` with the same ' +
    'filters for the next page.',
  request: { query: StoryListParams },
  responses: {
    200: {
      description: 'One page of story summaries.',
      headers: cachedHeaders,
      content: { 'application/json': { schema: StoryPageDoc } },
    },
    304: notModified,
    ...problemResponses(400, ...commonProblems),
  },
});

const getStory = createRoute({
  method: 'get',
  path: '/stories/{id}',
  tags: ['stories'],
  summary: 'Get one story with every outlet’s article of it',
  description:
    'The story id is the id of its earliest article. Its articles come earliest first, each with its ' +
    'outlet, time and title; an article of any story names its story in `story.id`.',
  request: { params: StoryIdParams },
  responses: {
    200: {
      description: 'The story.',
      headers: cachedHeaders,
      content: { 'application/json': { schema: StoryDoc } },
    },
    304: notModified,
    ...problemResponses(400, 404, ...commonProblems),
  },
});

/**
 * `GET /stories` and `GET /stories/{id}`. A story changes whenever any of its articles is written, so
 * its answers are cached only as listings are: the read cache drops them all on every change.
 */
export function storyRoutes({ store }: RouteDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listStories, async (c) => sendJson(c, await store.stories(c.req.valid('query'))))
    .openapi(getStory, async (c) => {
      const { id } = c.req.valid('param');
      const story = await store.story(id);
      if (!story) throw new ProblemError('not_found', `no story has the id '${id}'`);
      return sendJson(c, story);
    });
}
