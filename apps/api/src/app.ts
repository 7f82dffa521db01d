import { OpenAPIHono } from '@hono/zod-openapi';
import type { ArticleStore } from '@khabar/store';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { accessLog } from './access-log.ts';
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
import { ReadCache } from './read-cache.ts';
import { articleRoutes } from './routes/articles.ts';
import { docsRoutes } from './routes/docs.ts';
import { feedRoutes } from './routes/feeds.ts';
import { healthRoutes } from './routes/health.ts';
import { openapiRoutes } from './routes/openapi.ts';
import { parseRoutes } from './routes/parse.ts';
import { searchRoutes } from './routes/search.ts';
import { taxonomyRoutes } from './routes/taxonomy.ts';

export interface AppOptions {
  store: ArticleStore;
  config: ApiConfig;
  /** Where request and error records go; JSON lines on stdout and stderr by default. */
  logger?: Logger;
  /** The rate limiter's clock, for tests. */
  now?: () => number;
}

const MIB = 1024 * 1024;

const exposedHeaders = ['ETag', 'Location', 'RateLimit', 'RateLimit-Policy', 'Retry-After', 'X-Request-Id'];

/** Middleware every request goes through, in order; the `/v1` ones only for the API proper. */
function useMiddleware(app: OpenAPIHono<AppEnv>, options: AppOptions, deps: RouteDeps, logger: Logger) {
  const { config } = options;
  app.use(requestId());
  if (config.accessLog) app.use(accessLog(logger));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      crossOriginResourcePolicy: 'cross-origin',
      xFrameOptions: 'DENY',
      // Headers for HTML pages in old browsers, no use on JSON; each costs a header write per answer.
      xDownloadOptions: false,
      xXssProtection: false,
      xDnsPrefetchControl: false,
      xPermittedCrossDomainPolicies: false,
      originAgentCluster: false,
    }),
  );
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
    // requests without Origin keeps their bodies on the server's direct write path. `Vary: Origin`
    // keeps shared caches from serving those answers to browsers.
    app.use(async (c, next) => {
      c.header('Vary', 'Origin', { append: true });
      return c.req.header('Origin') === undefined ? next() : corsHeaders(c, next);
    });
  }
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        problemResponse(c, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}`, {
          headers: { Allow: methods.join(', ') },
        }),
    }),
  );
  if (config.rateLimit > 0) {
    app.use(
      '/v1/*',
      rateLimit({
        limit: config.rateLimit,
        windowSeconds: config.rateWindowSeconds,
        keys: deps.keys,
        exempt: config.rateLimitExempt,
        trustedProxies: config.trustedProxies,
        ...(options.now ? { now: options.now } : {}),
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
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  useMiddleware(app, options, deps, logger);
  app.onError((error, c) => handleError(error, c, logger));
  app.notFound((c) => problemResponse(c, 'not_found', `there is no route ${c.req.method} ${c.req.path}`));
  registerSecurity(app);
  return app
    .route('/', healthRoutes(deps))
    .route('/v1', articleRoutes(deps))
    .route('/v1', searchRoutes(deps))
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
