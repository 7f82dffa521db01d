import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { KeyRing } from './auth.ts';
import { addressList, clientAddress, plainAddress } from './client-address.ts';
import type { AppEnv } from './env.ts';
import { ProblemError } from './problem.ts';
import type { RateCounter } from './rate-windows.ts';

export interface RateLimitOptions {
  /** Requests allowed per window and client. */
  limit: number;
  windowSeconds: number;
  keys: KeyRing;
  /** Where requests are counted: this process's windows, or windows shared through Redis. */
  counter: RateCounter;
  /** Client addresses left out of the limit (IPv4-mapped IPv6 forms match their IPv4 address). */
  exempt?: readonly string[];
  /** Proxies whose `X-Forwarded-For` names the client (see `clientAddress`). */
  trustedProxies?: readonly string[];
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
 * Fixed windows counted per API key (when a valid one is sent) or per client address (behind trusted
 * proxies, the address they forward), by the counter given: in this process, or shared by every
 * process through Redis. A key is counted by a digest of it, the same in every process whatever
 * order the keys are configured in. Headers follow the IETF RateLimit fields draft (`RateLimit-Policy`,
 * `RateLimit`).
 */
export function rateLimit(options: RateLimitOptions) {
  const policy = `"default";q=${options.limit};w=${options.windowSeconds}`;
  const exempt = new Set(options.exempt?.map(plainAddress));
  const trusted = options.trustedProxies?.length ? addressList(options.trustedProxies) : null;
  const { counter, keys, limit } = options;

  return createMiddleware<AppEnv>(async (c, next) => {
    const address = clientAddress(peerAddress(c), c.req.header('X-Forwarded-For'), trusted);
    if (exempt.has(address)) return next();
    const token = KeyRing.token(c.req.header('Authorization'));
    const keyIndex = token === null ? -1 : keys.match(token);
    const client = keyIndex === -1 ? `address ${address}` : `key ${keys.label(keyIndex)}`;
    const counted = counter.count(client);
    const { used, resetMs } = counted instanceof Promise ? await counted : counted;
    const resetSeconds = Math.max(1, Math.ceil(resetMs / 1000));
    const remaining = Math.max(0, limit - used);
    const headers = c.get('headers');
    headers['RateLimit-Policy'] = policy;
    headers.RateLimit = `"default";r=${remaining};t=${resetSeconds}`;
    if (used > limit) {
      throw new ProblemError(
        'rate_limited',
        `at most ${limit} requests per ${options.windowSeconds} s; retry in ${resetSeconds} s`,
        { headers: { 'Retry-After': String(resetSeconds) } },
      );
    }
    await next();
  });
}
