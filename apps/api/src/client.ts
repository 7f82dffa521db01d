import { type ClientRequestOptions, hc } from 'hono/client';
import type { AppType } from './app.ts';

/** A typed client of the API at `baseUrl`: routes, parameters and bodies as the app declares them. */
export function createClient(baseUrl: string, options?: ClientRequestOptions) {
  return hc<AppType>(baseUrl, options);
}

export type Client = ReturnType<typeof createClient>;
