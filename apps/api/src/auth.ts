import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.ts';
import { ProblemError } from './problem.ts';

const bearerPattern = /^Bearer[ \t]+([\x21-\x7e]+)[ \t]*$/i;
const challenge = { 'WWW-Authenticate': 'Bearer realm="khabar"' };

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** The configured API keys, held only as SHA-256 digests. */
export class KeyRing {
  readonly #digests: Buffer[];

  constructor(keys: string[]) {
    this.#digests = keys.map(digest);
  }

  get size(): number {
    return this.#digests.length;
  }

  /**
   * A name for the key at `index` that does not reveal it: the first 16 hex digits of its digest, the
   * same in every process that has the key, whatever order the keys are configured in.
   */
  label(index: number): string {
    return this.#digests[index]?.toString('hex', 0, 8) ?? 'none';
  }

  /**
   * Index of the configured key a presented one matches, or -1. Digests have one length, so
   * `timingSafeEqual` applies, and every key is compared so the time does not tell which one matched.
   */
  match(presented: string): number {
    const candidate = digest(presented);
    let found = -1;
    this.#digests.forEach((known, index) => {
      if (timingSafeEqual(known, candidate) && found === -1) found = index;
    });
    return found;
  }

  /** The bearer token of an `Authorization` header value, or null when there is none. */
  static token(header: string | undefined): string | null {
    return header ? (bearerPattern.exec(header)?.[1] ?? null) : null;
  }
}

/** Route middleware for writes: 401 without a bearer key, 403 with one that is not configured. */
export function requireApiKey(keys: KeyRing) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = KeyRing.token(c.req.header('Authorization'));
    if (token === null) {
      throw new ProblemError('unauthorized', 'send the header `Authorization: Bearer <key>`', {
        headers: challenge,
      });
    }
    if (keys.match(token) === -1) {
      throw new ProblemError('forbidden', 'the API key is not valid for this server');
    }
    await next();
  });
}
