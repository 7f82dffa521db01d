import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { validationHook } from '../problem.ts';
import { commonProblems, problemResponses } from '../responses.ts';
import { ParseOutcomeDoc } from '../schemas.ts';
import { readDocumentBody } from './body.ts';
import { DocumentParams } from './params.ts';

const parse = createRoute({
  method: 'post',
  path: '/parse',
  tags: ['parse'],
  summary: 'Parse a raw document without storing it',
  description:
    'The article a document holds, with a warning for every line the parser dropped or guessed. The ' +
    "document is a text dump (`text/plain`: the seed layout or a full page's text) or an HTML page " +
    "(`text/html`), decoded by its charset parameter, byte order mark or the page's own declaration.",
  request: {
    query: DocumentParams,
    body: {
      required: true,
      description: 'A raw document, as saved from a news site.',
      content: { 'text/plain': { schema: z.string() }, 'text/html': { schema: z.string() } },
    },
  },
  responses: {
    200: {
      description: 'The parsed article and its warnings.',
      content: { 'application/json': { schema: ParseOutcomeDoc } },
    },
    ...problemResponses(413, 415, 422, ...commonProblems),
  },
});

/** `POST /parse`: the parser over HTTP; nothing is stored. */
export function parseRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(parse, async (c) => {
    const { article, warnings } = await readDocumentBody(c, c.req.valid('query').url);
    return c.json({ article, warnings }, 200);
  });
}
