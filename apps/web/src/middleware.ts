import { defineMiddleware } from 'astro:middleware';
import { createHash } from 'node:crypto';
import { entityTag, ifNoneMatchHolds } from '@khabar/schema';
import { withSecurityHeaders } from './lib/security.ts';

/** Text answers worth compressing; fonts and images come compressed already. */
const compressible = /^(?:text\/|application\/(?:json|xml|rss\+xml|ld\+json))/;

/**
 * How long readers' browsers and shared caches may reuse a page before asking again: a minute, then
 * up to ten more while a cache fetches the new one. Pages whose route set their own keep it.
 */
export const pageCacheControl = 'public, max-age=60, stale-while-revalidate=600';

/** A weak validator of a page's bytes: the same for its gzipped and plain forms, which mean the same. */
function weakEtag(bytes: Uint8Array): string {
  return entityTag(createHash('sha256').update(bytes).digest('base64url').slice(0, 27), true);
}

/**
 * Every answer, errors, redirects and feeds included, gets the security headers (`src/lib/security.ts`).
 * For text answers, also: cache headers, a validator, and gzip for clients that accept it.
 * - A successful GET gets `Cache-Control` (unless its route set one) and a weak `ETag`; a request whose
 *   `If-None-Match` holds it gets 304 and no body. Anything else is `no-store`: a 404 or a 503 page must
 *   not outlive the moment.
 * - The body is gzipped when the client accepts it: an article page shrinks to about a quarter, which is
 *   most of what a reader on a slow link waits for before the first paint.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const headers = withSecurityHeaders(response.headers);
  const type = headers.get('content-type') ?? '';
  if (!response.body || headers.has('content-encoding') || !compressible.test(type)) {
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
  headers.append('Vary', 'Accept-Encoding');
  const method = context.request.method;
  const cacheable = response.status === 200 && (method === 'GET' || method === 'HEAD');
  if (!cacheable) headers.set('Cache-Control', 'no-store');
  else if (!headers.has('Cache-Control')) headers.set('Cache-Control', pageCacheControl);

  const bytes = new Uint8Array(await response.arrayBuffer());
  if (cacheable) {
    const etag = weakEtag(bytes);
    headers.set('ETag', etag);
    if (ifNoneMatchHolds(context.request.headers.get('if-none-match'), etag)) {
      headers.delete('Content-Type');
      headers.delete('Content-Length');
      return new Response(null, { status: 304, headers });
    }
  }
  const accepted = context.request.headers.get('accept-encoding') ?? '';
  if (!/\bgzip\b/.test(accepted)) {
    headers.set('Content-Length', String(bytes.byteLength));
    return new Response(bytes, { status: response.status, headers });
  }
  headers.set('Content-Encoding', 'gzip');
  headers.delete('Content-Length');
  // No reason phrase is passed on: a page that set its status keeps Astro's "OK" beside it.
  return new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip')), {
    status: response.status,
    headers,
  });
});
