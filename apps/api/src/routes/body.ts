import { parseArticle } from '@khabar/parser';
import type { Article } from '@khabar/schema';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { ProblemError, validationProblem } from '../problem.ts';

const jsonType = /^application\/([\w.-]+\+)?json$/i;

/** The media type of a `Content-Type` value, lowercased, without parameters ('' when absent). */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Parses a JSON body before validation so that malformed JSON is its own problem (`malformed_json`);
 * the parsed value is cached on the request, where the validator reads it.
 */
export const readJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  if (jsonType.test(mediaType(c.req.header('Content-Type')))) {
    try {
      await c.req.json();
    } catch {
      throw new ProblemError('malformed_json', 'the request body is not valid JSON');
    }
  }
  await next();
});

/** The text of a `text/plain` body; any other content type is a 415 problem. */
export async function readTextBody(c: Context<AppEnv>): Promise<string> {
  const type = mediaType(c.req.header('Content-Type'));
  if (type !== 'text/plain') {
    throw new ProblemError(
      'unsupported_media_type',
      type === '' ? 'send the document as text/plain' : `send the document as text/plain, not ${type}`,
    );
  }
  return c.req.text();
}

/** Parses a raw document; a text the parser cannot read is a 422 problem with the parser's reason. */
export function parseDocument(text: string) {
  const result = parseArticle(text);
  if (!result.ok) {
    throw new ProblemError('parse_failed', `${result.error.message} (${result.error.code})`);
  }
  return result;
}

/**
 * The article of a write: a validated JSON article, or a parsed `text/plain` document.
 */
export async function readArticleBody(c: Context<AppEnv>, validJson: () => Article): Promise<Article> {
  const type = mediaType(c.req.header('Content-Type'));
  if (jsonType.test(type)) return validJson();
  if (type === '') {
    throw validationProblem([{ path: 'body', message: 'send a document or an article', code: 'required' }]);
  }
  return parseDocument(await readTextBody(c)).article;
}
