import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { cachePolicies, sendCached, strongEtag } from '../http-cache.ts';
import { ProblemError, problemTypes, validationHook } from '../problem.ts';
import { problemResponses } from '../responses.ts';
import { ProblemTypeDoc } from '../schemas.ts';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** Starts Swagger UI on the document; a file rather than an inline script, so the CSP needs no exception. */
const initScript = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Khabar API reference</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

const assets = {
  'swagger-ui.css': { type: 'text/css; charset=UTF-8', file: 'swagger-ui.css' },
  'swagger-ui-bundle.js': { type: 'text/javascript; charset=UTF-8', file: 'swagger-ui-bundle.js' },
  'favicon-32x32.png': { type: 'image/png', file: 'favicon-32x32.png' },
  'init.js': { type: 'text/javascript; charset=UTF-8', file: null },
} as const;
type AssetName = keyof typeof assets;

interface Loaded {
  bytes: Uint8Array<ArrayBuffer>;
  etag: string;
}

const loaded = new Map<AssetName, Loaded>();

/** An asset's bytes, read from swagger-ui-dist on first use and kept. */
function load(name: AssetName): Loaded {
  const cached = loaded.get(name);
  if (cached) return cached;
  const { file } = assets[name];
  const bytes = new Uint8Array(
    file === null ? Buffer.from(initScript) : readFileSync(join(swaggerDir, file)),
  );
  const entry = { bytes, etag: strongEtag(bytes) };
  loaded.set(name, entry);
  return entry;
}

const docsPage = createRoute({
  method: 'get',
  path: '/docs',
  tags: ['meta'],
  summary: 'Interactive API reference',
  description: 'Swagger UI, served with its assets by the API itself.',
  responses: { 200: { description: 'The page.', content: { 'text/html': { schema: z.string() } } } },
});

const docsAsset = createRoute({
  method: 'get',
  path: '/docs/{asset}',
  tags: ['meta'],
  summary: 'An asset of the API reference page',
  request: {
    params: z.object({ asset: z.enum(Object.keys(assets) as [AssetName, ...AssetName[]]) }),
  },
  responses: {
    200: {
      description: 'The asset.',
      content: {
        'text/css': { schema: z.string() },
        'text/javascript': { schema: z.string() },
        'image/png': { schema: z.string().meta({ format: 'binary' }) },
      },
    },
    304: { description: 'Not modified.' },
    ...problemResponses(400),
  },
});

const problemType = createRoute({
  method: 'get',
  path: '/problems/{code}',
  tags: ['meta'],
  summary: 'One entry of the problem catalogue',
  description: 'Problem `type` URIs point here.',
  request: { params: z.object({ code: z.string().min(1).max(64) }) },
  responses: {
    200: { description: 'The problem type.', content: { 'application/json': { schema: ProblemTypeDoc } } },
    ...problemResponses(400, 404),
  },
});

const pageEtag = strongEtag(page);

function isProblemCode(code: string): code is keyof typeof problemTypes {
  return Object.hasOwn(problemTypes, code);
}

/** The reference page, its assets and the problem catalogue. */
export function docsRoutes() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(docsPage, (c) =>
      sendCached(c, page, pageEtag, { contentType: 'text/html; charset=UTF-8', cacheControl: 'no-cache' }),
    )
    .openapi(docsAsset, (c) => {
      const name = c.req.valid('param').asset;
      const { bytes, etag } = load(name);
      return sendCached(c, bytes, etag, {
        contentType: assets[name].type,
        cacheControl: cachePolicies.static,
      });
    })
    .openapi(problemType, (c) => {
      const { code } = c.req.valid('param');
      if (!isProblemCode(code)) throw new ProblemError('not_found', `no problem type has the code '${code}'`);
      return c.json({ code, ...problemTypes[code] }, 200);
    });
}
