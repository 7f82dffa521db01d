import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { KeyRing } from './auth.ts';
import { addressList, clientAddress, plainAddress } from './client-address.ts';
import type { AppEnv } from './env.ts';
import { ProblemError } from './problem.ts';

export interface RateLimitOptions {
  /** Requests allowed per window and client. */
  limit: number;
  windowSeconds: number;
  keys: KeyRing;
  /** Client addresses left out of the limit (IPv4-mapped IPv6 forms match their IPv4 address). */
  exempt?: readonly string[];
  /** Proxies whose `X-Forwarded-For` names the client (see `clientAddress`). */
  trustedProxies?: readonly string[];
  /** Milliseconds since the epoch; tests pass their own clock. */
  now?: () => number;
}

/** The peer address of a request served by @hono/node-server; undefined under `app.request`. */
function peerAddress(c: Context): string | undefined {
  const env: unknown = c.env;
  if (typeof env === 'object' && env !== null && 'incoming' in env) {
    const incoming = env.incoming as { socket?: { remoteAddress?: string } } | undefined;
    return incoming?.socket?.remoteAddress;
  }
  return undefined;
}

/**
 * Fixed windows aligned to the clock, counted per API key (when a valid one is sent) or per client
 * address (behind trusted proxies, the address they forward). Only the current window's counters are kept, so memory is bounded by the clients of one
 * window. Headers follow the IETF RateLimit fields draft (`RateLimit-Policy`, `RateLimit`).
 */
export function rateLimit(options: RateLimitOptions) {
  const windowMs = options.windowSeconds * 1000;
  const now = options.now ?? Date.now;
  const policy = `"default";q=${options.limit};w=${options.windowSeconds}`;
  let window = -1;
  let counts = new Map<string, number>();
  const exempt = new Set(options.exempt?.map(plainAddress));
  const trusted = options.trustedProxies?.length ? addressList(options.trustedProxies) : null;

  return createMiddleware<AppEnv>(async (c, next) => {
    const address = clientAddress(peerAddress(c), c.req.header('X-Forwarded-For'), trusted);
    if (exempt.has(address)) return next();
    const time = now();
    const current = Math.floor(time / windowMs);
    if (current !== window) {
      window = current;
      counts = new Map();
    }
    const token = KeyRing.token(c.req.header('Authorization'));
    const keyIndex = token === null ? -1 : options.keys.match(token);
    const client = keyIndex === -1 ? `address ${address}` : `key ${keyIndex}`;
    const used = (counts.get(client) ?? 0) + 1;
    counts.set(client, used);
    const resetSeconds = Math.max(1, Math.ceil(((current + 1) * windowMs - time) / 1000));
    const remaining = Math.max(0, options.limit - used);
    c.header('RateLimit-Policy', policy);
    c.header('RateLimit', `"default";r=${remaining};t=${resetSeconds}`);
    if (used > options.limit) {
      throw new ProblemError(
        'rate_limited',
        `at most ${options.limit} requests per ${options.windowSeconds} s; retry in ${resetSeconds} s`,
        { headers: { 'Retry-After': String(resetSeconds) } },
      );
    }
    await next();
  });
}
