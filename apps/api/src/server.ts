import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ArticleStore } from '@khabar/store';
import { createApp } from './app.ts';
import type { ApiConfig } from './config.ts';
import type { Logger } from './logger.ts';
import type { RateCounter } from './rate-windows.ts';

/** How long open keep-alive connections get to finish their requests on shutdown. */
const closeGraceMs = 5000;

export interface RunningApi {
  /** Where it listens, such as `http://127.0.0.1:8787`. */
  url: string;
  /**
   * Stops accepting connections, lets open requests finish, then stops following the store's
   * changes, closes the rate limit's Redis connection and the store.
   */
  close(): Promise<void>;
}

/**
 * Serves the API over HTTP on the configured host and port (0 picks a free port), counting rate limits
 * with `rateCounter` when given (else in the process).
 */
export async function listen(
  store: ArticleStore,
  config: ApiConfig,
  logger: Logger,
  rateCounter?: RateCounter,
): Promise<RunningApi> {
  const stopping = new AbortController();
  const app = createApp({
    store,
    config,
    logger,
    signal: stopping.signal,
    ...(rateCounter ? { rateCounter } : {}),
  });
  const { server, address } = await new Promise<{ server: ReturnType<typeof serve>; address: AddressInfo }>(
    (resolve, reject) => {
      const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (address) =>
        resolve({ server, address }),
      );
      server.once('error', reject);
    },
  );
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, closeGraceMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }).then(async () => {
        stopping.abort();
        await rateCounter?.close();
        await store.close();
      });
      return closing;
    },
  };
}
