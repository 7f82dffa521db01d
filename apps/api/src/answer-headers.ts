import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.ts';

/**
 * Security headers of every answer: a CSP allowing only the API's own scripts and styles (the
 * reference page's), no framing, no referrer, no MIME sniffing. Headers meant for HTML pages in old
 * browsers (X-XSS-Protection, X-Download-Options and the like) are left out: they do nothing for JSON.
 */
const securityHeaders: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Referrer-Policy': 'no-referrer',
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
};

// A request id the client sent is kept when it is short and plain.
const REQUEST_ID = /^[\w\-=]{1,255}$/;

/** Responses already built with every header of their request, which need nothing added. */
const complete = new WeakSet<Response>();

/**
 * The first middleware: gives the request its id (a well-formed `X-Request-Id` from the client, else a
 * UUID) and collects the headers every answer to it carries (security headers, the request id,
 * `Vary: Origin` when CORS is on; the rate limit adds its own) in the `headers` variable.
 *
 * Hot reads build their response in one step with all of them (`directResponse`), as a plain header
 * object that @hono/node-server writes out as it is. Any other response gets them added here on the
 * way out: the general path, which materializes a `Headers` object and validates every entry.
 */
export function answerHeaders(options: { varyOrigin: boolean }) {
  const base: Record<string, string> = options.varyOrigin
    ? { ...securityHeaders, Vary: 'Origin' }
    : { ...securityHeaders };
  return createMiddleware<AppEnv>(async (c, next) => {
    const sent = c.req.header('X-Request-Id');
    const requestId = sent !== undefined && REQUEST_ID.test(sent) ? sent : randomUUID();
    c.set('requestId', requestId);
    const headers = { ...base, 'X-Request-Id': requestId };
    c.set('headers', headers);
    await next();
    if (complete.has(c.res)) return;
    const target = c.res.headers;
    for (const [name, value] of Object.entries(headers)) {
      if (name !== 'Vary') target.set(name, value);
      else if (!/(^|,)\s*origin\s*(,|$)/i.test(target.get('Vary') ?? '')) target.append(name, value);
    }
  });
}

/**
 * Whether this request's answer may be built by `directResponse`: no middleware has written headers
 * through `c.header` (CORS does, for requests that carry `Origin`).
 */
export function answersDirectly(c: Context<AppEnv>): boolean {
  return c.req.header('Origin') === undefined;
}

/** A response carrying the request's common headers and `headers`, built in one step. */
export function directResponse(
  c: Context<AppEnv>,
  body: Uint8Array<ArrayBuffer> | null,
  status: number,
  headers: Record<string, string>,
): Response {
  const response = new Response(body, { status, headers: { ...c.get('headers'), ...headers } });
  complete.add(response);
  return response;
}
