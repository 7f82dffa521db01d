import { createHash } from 'node:crypto';
import { completeArticle, readDocument } from '@khabar/parser';
import type { Article, ArticleInput } from '@khabar/schema';
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

const documentTypes = new Set(['text/plain', 'text/html', 'application/xhtml+xml']);

/**
 * Reads a raw document body (a text dump as `text/plain`, a page as `text/html`) through the intake,
 * as the command line and the seeding read files: bytes decoded by their charset parameter, byte order
 * mark or the page's own declaration. `url` is the address the page was fetched from. Any other content
 * type is a 415 problem; a document the parser cannot read is a 422 problem with its reason.
 */
export async function readDocumentBody(c: Context<AppEnv>, url: string | undefined) {
  const contentType = c.req.header('Content-Type');
  const type = mediaType(contentType);
  if (!documentTypes.has(type)) {
    const expected = 'send the document as text/plain or text/html';
    throw new ProblemError('unsupported_media_type', type === '' ? expected : `${expected}, not ${type}`);
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  const [result] = readDocument({
    content: bytes,
    name: 'body',
    ...(contentType === undefined ? {} : { contentType }),
    ...(url === undefined ? {} : { url }),
  });
  if (result === undefined || !result.ok) {
    const error = result?.error ?? { code: 'empty_input', message: 'The input is empty.' };
    throw new ProblemError('parse_failed', `${error.message} (${error.code})`, { parseError: error.code });
  }
  return { article: result.article, warnings: result.warnings };
}

/**
 * The article of a write: a validated JSON article, or a document read by the intake.
 */
export async function readArticleBody(
  c: Context<AppEnv>,
  validJson: () => ArticleInput,
  url: string | undefined,
): Promise<Article> {
  const type = mediaType(c.req.header('Content-Type'));
  // A JSON article is completed as the intake completes one read from a file: the page fields and the
  // identity of appended articles an older writer left out are made here, as the parser makes them.
  if (jsonType.test(type)) return withInputHash(completeArticle(validJson()));
  if (type === '') {
    throw validationProblem([{ path: 'body', message: 'send a document or an article', code: 'required' }]);
  }
  return (await readDocumentBody(c, url)).article;
}

/**
 * A JSON article with its input hash made here: SHA-256 of the article as validated (fields in the
 * schema's order), its own `contentHash` left out. The hash is the input the store compares to tell an
 * unchanged article from a changed one; a client's own could stay the same while the tags, the URL or
 * even the text changed, and the change would be taken for a repeat and dropped.
 */
function withInputHash(article: Article): Article {
  const content = JSON.stringify({ ...article, provenance: { ...article.provenance, contentHash: '' } });
  return {
    ...article,
    provenance: { ...article.provenance, contentHash: createHash('sha256').update(content).digest('hex') },
  };
}
