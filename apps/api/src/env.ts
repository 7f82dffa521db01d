import type { RequestIdVariables } from 'hono/request-id';
import type { SentBody } from './http-cache.ts';

/**
 * The Hono environment every part of the app shares: the request id set by the first middleware, and
 * the cacheable body a read sent, for the read cache.
 */
export interface AppEnv {
  Variables: RequestIdVariables & { sent: SentBody | undefined };
}
