import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.ts';
import type { Logger } from './logger.ts';

/**
 * One record per request once the response is known: method, path (without the query, which may hold
 * what a reader searched for), status, duration and request id. Headers are never logged, so neither
 * is `Authorization`.
 */
export function accessLog(logger: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info({
      msg: 'request',
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      requestId: c.get('requestId'),
    });
  });
}
