import type { OpenAPIHono } from '@hono/zod-openapi';
import { PublishedAt } from '@khabar/schema';
import { z } from 'zod';
import packageJson from '../package.json' with { type: 'json' };
import type { AppEnv } from './env.ts';

/** Registers what the routes cannot say themselves: how writes authenticate. */
export function registerSecurity(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'One of the keys in `KHABAR_API_KEYS`, as `Authorization: Bearer <key>`.',
  });
}

type Document = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

/**
 * The OpenAPI 3.1 document of `app`. `POST /v1/articles` takes either a text or a JSON body, so its
 * route leaves the body optional to keep the JSON validator off text requests; the handler requires
 * one, and the document says so.
 */
export function buildDocument(app: OpenAPIHono<AppEnv>): Document {
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Khabar API',
      version: packageJson.version,
      description:
        'Arabic news articles: list, read, search, parse and store, and the stories that group every ' +
        'outlet’s article of one piece of news. Errors are RFC 9457 `application/problem+json` with a ' +
        'stable `code`; see `/problems/{code}`.',
    },
    tags: [
      { name: 'articles', description: 'Stored articles.' },
      { name: 'stories', description: 'One news story across every outlet that ran it.' },
      { name: 'search', description: 'Arabic full-text search.' },
      { name: 'taxonomy', description: 'Tags and sources.' },
      { name: 'feeds', description: 'Atom, RSS and JSON Feed.' },
      { name: 'parse', description: 'The parser over HTTP.' },
      { name: 'health', description: 'Liveness and readiness.' },
      { name: 'meta', description: 'This document, its reference page and the problem catalogue.' },
    ],
  });
  const createBody = document.paths?.['/v1/articles']?.post?.requestBody;
  if (createBody && !('$ref' in createBody)) createBody.required = true;
  mendSchemas(document);
  return document;
}

// What a publication time holds, as zod's own JSON Schema says it: the pattern it validates with.
const PUBLISHED_AT_PATTERN = (z.toJSONSchema(PublishedAt) as { pattern: string }).pattern;

/**
 * Mends, in place, two things the OpenAPI generator writes that describe no response the API gives:
 * a pattern with the regex's flags left on its end (`…$/u`: JSON Schema patterns take no flags, and
 * match Unicode properties as they are), and the `date-time` format for publication times, which
 * requires a zone where `PublishedAt` keeps a wall-clock time as the text gives it (the model's only
 * date-times): the format is replaced by the pattern the time is validated with.
 */
function mendSchemas(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) mendSchemas(item);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  if (typeof schema.pattern === 'string')
    schema.pattern = schema.pattern.replace(/(?<=\$)\/[dgimsuvy]+$/, '');
  if (schema.format === 'date-time') {
    delete schema.format;
    schema.pattern = PUBLISHED_AT_PATTERN;
  }
  for (const value of Object.values(schema)) mendSchemas(value);
}
