import type { RequestIdVariables } from 'hono/request-id';

/** The Hono environment every part of the app shares: the request id set by the first middleware. */
export interface AppEnv {
  Variables: RequestIdVariables;
}
