import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from './env.ts';

/**
 * Answers 504 when a request takes longer than `ms`, and aborts the request's `signal` at that moment,
 * so that work it started (a write waiting for the store's lock) stops rather than going on unseen.
 */
export function deadline(ms: number) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const controller = new AbortController();
    c.set('signal', controller.signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new HTTPException(504, { message: `the request took longer than ${ms} ms` });
        reject(error);
        // Once the 504 is the answer: the work's own failure must not replace it.
        setImmediate(() => controller.abort(error));
      }, ms);
    });
    try {
      await Promise.race([next(), expired]);
    } finally {
      clearTimeout(timer);
    }
  });
}
