import { OpenAPIHono } from '@hono/zod-openapi';
import type { ArticleStore } from '@khabar/store';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { accessLog } from './access-log.ts';
import { allowedMethods } from './allowed-methods.ts';
import { answerHeaders } from './answer-headers.ts';
import { ArticleCache } from './article-cache.ts';
import { KeyRing } from './auth.ts';
import type { ApiConfig } from './config.ts';
import { deadline } from './deadline.ts';
import type { RouteDeps } from './deps.ts';
import type { AppEnv } from './env.ts';
import { jsonLogger, type Logger } from './logger.ts';
import { buildDocument, registerSecurity } from './openapi.ts';
import { handleError, ProblemError, problemResponse, validationHook } from './problem.ts';
import { rateLimit } from './rate-limit.ts';
import { ProcessWindows, type RateCounter } from './rate-windows.ts';
import { ReadCache } from './read-cache.ts';
import { articleRoutes } from './routes/articles.ts';
import { docsRoutes } from './routes/docs.ts';
import { feedRoutes } from './routes/feeds.ts';
import { healthRoutes } from './routes/health.ts';
import { openapiRoutes } from './routes/openapi.ts';
import { parseRoutes } from './routes/parse.ts';
import { searchRoutes } from './routes/search.ts';
import { storyRoutes } from './routes/stories.ts';
import { taxonomyRoutes } from './routes/taxonomy.ts';

export interface AppOptions {
  store: ArticleStore;
  config: ApiConfig;
  /** Where request and error records go; JSON lines on stdout and stderr by default. */
  logger?: Logger;
  /** The rate limiter's clock, for tests. */
  now?: () => number;
  /**
   * Where the rate limit counts requests; windows in this process by default. `startApi` passes
   * windows shared through Redis when `KHABAR_REDIS_URL` is set.
   */
  rateCounter?: RateCounter;
  /** Aborting it stops the app following the store's changes (at shutdown, before the store closes). */
  signal?: AbortSignal;
}

const MIB = 1024 * 1024;

const exposedHeaders = ['ETag', 'Location', 'RateLimit', 'RateLimit-Policy', 'Retry-After', 'X-Request-Id'];

/** Middleware every request goes through, in order; the `/v1` ones only for the API proper. */
function useMiddleware(app: OpenAPIHono<AppEnv>, options: AppOptions, deps: RouteDeps, logger: Logger) {
  const { config } = options;
  app.use(answerHeaders({ varyOrigin: config.corsOrigins.length > 0 }));
  if (config.accessLog) app.use(accessLog(logger));
  if (config.corsOrigins.length > 0) {
    const corsHeaders = cors({
      origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
      allowMethods: ['GET', 'HEAD', 'POST', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'If-None-Match', 'X-Request-Id'],
      exposeHeaders: exposedHeaders,
      maxAge: 600,
    });
    // Only browsers need CORS headers, and they send Origin. hono/cors writes its headers onto a response
    // made before the handler's, which Hono then copies into a streamed one; skipping it for the many
    // requests without Origin keeps their answers on the direct path (see `answerHeaders`).
    app.use((c, next) => (c.req.header('Origin') === undefined ? next() : corsHeaders(c, next)));
  }
  if (config.rateLimit > 0) {
    app.use(
      '/v1/*',
      rateLimit({
        limit: config.rateLimit,
        windowSeconds: config.rateWindowSeconds,
        keys: deps.keys,
        counter:
          options.rateCounter ??
          new ProcessWindows({
            limit: config.rateLimit,
            windowSeconds: config.rateWindowSeconds,
            ...(options.now ? { now: options.now } : {}),
          }),
        exempt: config.rateLimitExempt,
        trustedProxies: config.trustedProxies,
      }),
    );
  }
  app.use('/v1/*', deps.reads.middleware());
  const limitBody = bodyLimit({
    maxSize: config.bodyLimit,
    onError: () => {
      throw new ProblemError(
        'payload_too_large',
        `the request body is larger than ${config.bodyLimit} bytes`,
      );
    },
  });
  app.use(
    '/v1/*',
    deadline(config.timeoutMs),
    // Looking for a body on the server's lazy request object builds a full Request; reads have none.
    (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next)),
  );
}

/**
 * Drops cached answers when the store reports a committed write: its own, and on PostgreSQL those of
 * every other process on the database. The changed articles' serializations go, and every read answer
 * (lists, search, tags, feeds and articles by slug may all show a changed article; a story changes
 * with any of its articles, and the change names only the article written).
 */
function followChanges({ store, articles, reads }: RouteDeps, signal: AbortSignal | undefined) {
  if (signal?.aborted) return;
  const stop = store.watch(({ ids }) => {
    if (ids.length === 0) articles.clear();
    for (const id of ids) articles.forget(id);
    reads.clear();
  });
  signal?.addEventListener('abort', stop, { once: true });
}

/** Builds the API: every route, declared once with its schemas, behind the shared middleware. */
export function createApp(options: AppOptions) {
  const logger = options.logger ?? jsonLogger;
  const deps: RouteDeps = {
    store: options.store,
    config: options.config,
    keys: new KeyRing(options.config.apiKeys),
    articles: new ArticleCache(options.config.articleCacheMiB * MIB),
    reads: new ReadCache({
      ttlMs: options.config.cacheTtlSeconds * 1000,
      budget: options.config.readCacheMiB * MIB,
      ...(options.now ? { now: options.now } : {}),
    }),
  };
  followChanges(deps, options.signal);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  useMiddleware(app, options, deps, logger);
  app.onError((error, c) => handleError(error, c, logger));
  const methodsOn = allowedMethods(() => app.routes);
  app.notFound((c) => {
    const allowed = methodsOn(c.req.path);
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      return problemResponse(c, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}`, {
        headers: { Allow: allowed.join(', ') },
      });
    }
    return problemResponse(c, 'not_found', `there is no route ${c.req.method} ${c.req.path}`);
  });
  registerSecurity(app);
  return app
    .route('/', healthRoutes(deps))
    .route('/v1', articleRoutes(deps))
    .route('/v1', searchRoutes(deps))
    .route('/v1', storyRoutes(deps))
    .route('/v1', taxonomyRoutes(deps))
    .route('/v1', feedRoutes(deps))
    .route('/v1', parseRoutes())
    .route('/', docsRoutes())
    .route(
      '/',
      openapiRoutes(() => buildDocument(app)),
    );
}

/** The app's type, routes and all: what `hono/client` needs for a typed client. */
export type AppType = ReturnType<typeof createApp>;
