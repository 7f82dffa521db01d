import { hash } from 'node:crypto';
import { entityTag, ifNoneMatchHolds } from '@khabar/schema';
import type { Context } from 'hono';
import { answersDirectly, directResponse } from './answer-headers.ts';
import type { AppEnv } from './env.ts';

const utf8 = new TextEncoder();

/** How long clients and caches may reuse a response before revalidating with its ETag. */
export const cachePolicies = {
  article: 'public, max-age=60',
  listing: 'public, max-age=30',
  static: 'public, max-age=86400',
  none: 'no-store',
} as const;

/** A strong entity tag over the exact bytes sent (or over a key that determines them). */
export function strongEtag(content: string | Uint8Array): string {
  return entityTag(hash('sha256', content, 'base64url').slice(0, 27));
}

/**
 * Sends `body` with its ETag and cache policy, or a bodiless 304 when the client already holds it.
 * The body is passed already serialized so cached serializations are sent as they are; a text body
 * is encoded once here, and what was sent is left on the context (`sent`) for the read cache.
 */
export function sendCached(
  c: Context<AppEnv>,
  body: string | Uint8Array<ArrayBuffer>,
  etag: string,
  options: { contentType: string; cacheControl: string },
): Response {
  const direct = answersDirectly(c);
  if (ifNoneMatchHolds(c.req.header('If-None-Match'), etag)) {
    const headers = { ETag: etag, 'Cache-Control': options.cacheControl };
    return direct ? directResponse(c, null, 304, headers) : c.body(null, 304, headers);
  }
  const bytes = typeof body === 'string' ? utf8.encode(body) : body;
  c.set('sent', { body: bytes, etag, contentType: options.contentType, cacheControl: options.cacheControl });
  const headers = { ETag: etag, 'Cache-Control': options.cacheControl, 'Content-Type': options.contentType };
  return direct ? directResponse(c, bytes, 200, headers) : c.body(bytes, 200, headers);
}

/** Serializes `value` as JSON and sends it through `sendCached`. */
export function sendJson(
  c: Context<AppEnv>,
  value: unknown,
  cacheControl: string = cachePolicies.listing,
): Response {
  // Encoded once: the tag is taken over the bytes sent, not over the text converted again.
  const body = utf8.encode(JSON.stringify(value));
  return sendCached(c, body, strongEtag(body), {
    contentType: 'application/json; charset=UTF-8',
    cacheControl,
  });
}
