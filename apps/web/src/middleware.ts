import { defineMiddleware } from 'astro:middleware';

/** Text answers worth compressing; fonts and images come compressed already. */
const compressible = /^(?:text\/|application\/(?:json|xml|rss\+xml|ld\+json))/;

/**
 * Gzips pages, feeds and sitemaps for clients that accept it: an article page shrinks to about a
 * quarter, which is most of what a reader on a slow link waits for before the first paint.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const type = response.headers.get('content-type') ?? '';
  const accepted = context.request.headers.get('accept-encoding') ?? '';
  if (!response.body || response.headers.has('content-encoding') || !compressible.test(type)) return response;
  const headers = new Headers(response.headers);
  headers.append('Vary', 'Accept-Encoding');
  if (!/\bgzip\b/.test(accepted)) return new Response(response.body, { status: response.status, headers });
  headers.set('Content-Encoding', 'gzip');
  headers.delete('Content-Length');
  return new Response(response.body.pipeThrough(new CompressionStream('gzip')), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
});
