import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect, it } from 'vitest';
import { describeEachStore } from '../test/harness.ts';
import { problemCodes, problemTypes } from './problem.ts';

const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

interface Operation {
  responses?: Record<string, unknown>;
  parameters?: { name: string; in: string }[];
}
type PathItem = Partial<Record<(typeof methods)[number], Operation>>;
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}

/** Every `$ref` string anywhere in a JSON value. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : refs(inner),
  );
}

describeEachStore('GET /openapi.json', (harness) => {
  async function document(): Promise<Document> {
    const response = await harness().app.request('/openapi.json');
    expect(response.status).toBe(200);
    return (await response.json()) as Document;
  }

  it('is an OpenAPI 3.1 document whose every operation declares responses and whose refs resolve', async () => {
    const doc = await document();
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: 'Khabar API', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    const operations = Object.values(doc.paths).flatMap((item) =>
      methods.flatMap((method) => item[method] ?? []),
    );
    expect(operations.length).toBeGreaterThanOrEqual(16);
    for (const operation of operations) {
      expect(Object.keys(operation.responses ?? {}).length).toBeGreaterThan(0);
    }
    for (const ref of refs(doc)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas).toHaveProperty(ref.slice('#/components/schemas/'.length));
    }
    expect(doc.components.securitySchemes).toHaveProperty('apiKey');
  });

  it('declares every path parameter of every templated path, and no two paths differ only in names', async () => {
    const doc = await document();
    const shapes = Object.keys(doc.paths).map((path) => path.replace(/\{[^}]+\}/g, '{}'));
    expect(new Set(shapes).size).toBe(shapes.length);
    for (const [path, item] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      for (const method of methods) {
        const operation = item[method];
        if (!operation) continue;
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared.sort(), `${method} ${path}`).toEqual([...names].sort());
      }
    }
  });

  it('describes every route the app serves, and serves every route it describes', async () => {
    const doc = await document();
    const described = Object.entries(doc.paths).flatMap(([path, item]) =>
      methods.filter((method) => item[method]).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = harness()
      .app.routes.filter((route) => route.method !== 'ALL')
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, '{$1}')}`);
    expect([...new Set(served)].sort()).toEqual([...described].sort());
  });

  it('marks writes as needing the API key and the body of POST /v1/articles as required', async () => {
    const doc = await document();
    const create = doc.paths['/v1/articles']?.post as Operation & {
      security?: unknown;
      requestBody?: { required?: boolean; content: Record<string, unknown> };
    };
    expect(create.security).toEqual([{ apiKey: [] }]);
    expect(create.requestBody?.required).toBe(true);
    expect(Object.keys(create.requestBody?.content ?? {}).sort()).toEqual([
      'application/json',
      'text/html',
      'text/plain',
    ]);
    expect(create.parameters).toContainEqual(
      expect.objectContaining({ name: 'url', in: 'query', required: false }),
    );
    expect(doc.paths['/v1/articles/{idOrSlug}']?.delete).toHaveProperty('security', [{ apiKey: [] }]);
    expect(doc.paths['/v1/articles/{idOrSlug}']?.get).not.toHaveProperty('security');
  });

  it('describes the story routes, the search collapse and the story of a served article', async () => {
    const doc = await document();
    type Described = Operation & {
      tags?: string[];
      description?: string;
      parameters?: { name: string; in: string; required?: boolean; schema?: { enum?: string[] } }[];
      responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
    };
    const operation = (path: string) => doc.paths[path]?.get as Described;
    const schemaOf = (op: Described) => op.responses['200']?.content?.['application/json']?.schema?.$ref;
    const queryNames = (op: Described) =>
      (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);

    const list = operation('/v1/stories');
    expect(list.tags).toEqual(['stories']);
    expect(list.description).toMatch(/story/);
    expect(queryNames(list).sort()).toEqual(['agency', 'cursor', 'limit', 'minSize', 'publisher', 'tag']);
    expect(schemaOf(list)).toBe('#/components/schemas/StoryPage');
    expect(Object.keys(list.responses).sort()).toEqual(['200', '304', '400', '429', '500', '503', '504']);

    const one = operation('/v1/stories/{id}');
    expect(one.tags).toEqual(['stories']);
    expect(schemaOf(one)).toBe('#/components/schemas/Story');
    expect(one.responses).toHaveProperty('404');
    expect(one.parameters).toContainEqual(
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    );

    const collapse = operation('/v1/search').parameters?.find((p) => p.name === 'collapse');
    expect(collapse).toMatchObject({ in: 'query', required: false, schema: { enum: ['story', 'none'] } });

    expect(schemaOf(operation('/v1/articles/{idOrSlug}'))).toBe('#/components/schemas/StoredArticle');
    const schemas = doc.components.schemas as Record<string, { required?: string[] }>;
    expect(schemas.StoredArticle?.required).toContain('story');
    expect(schemas.Story?.required).toEqual(expect.arrayContaining(['articles', 'earliest', 'outlets']));
    expect(schemas.SearchHit?.required).toEqual(expect.arrayContaining(['story', 'alsoIn']));
  });

  it('answers what it describes: real responses validate against the schemas of their routes', async () => {
    const doc = await document();
    // The document as one JSON Schema 2020-12 resource, so that its `#/components/...` refs resolve.
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ ...doc, $id: 'openapi' });
    const pointer = (...parts: string[]) =>
      parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
    const { app } = harness();
    const json = async (url: string) => (await app.request(url)).json() as Promise<Record<string, unknown>>;
    const article = ((await json('/v1/articles?limit=1')).items as { id: string; slug: string }[])[0];
    const story = ((await json('/v1/stories?limit=1')).items as { id: string }[] | undefined)?.[0];
    const checks: [string, string, number][] = [
      ['/v1/articles?limit=5', '/v1/articles', 200],
      [`/v1/articles/${article?.id}`, '/v1/articles/{idOrSlug}', 200],
      [`/v1/articles/${encodeURIComponent(article?.slug ?? '')}`, '/v1/articles/{idOrSlug}', 200],
      ['/v1/articles/0000000000000000', '/v1/articles/{idOrSlug}', 404],
      ['/v1/search?q=النفط', '/v1/search', 200],
      ['/v1/search?q=النفط&collapse=none&limit=3', '/v1/search', 200],
      ['/v1/search?q=النفط&limit=0', '/v1/search', 400],
      ['/v1/stories?minSize=1&limit=5', '/v1/stories', 200],
      ...(story ? [[`/v1/stories/${story.id}`, '/v1/stories/{id}', 200] as [string, string, number]] : []),
      ['/v1/tags', '/v1/tags', 200],
      ['/v1/sources', '/v1/sources', 200],
    ];
    for (const [url, template, status] of checks) {
      const response = await app.request(url);
      expect(response.status, url).toBe(status);
      const type = response.headers.get('content-type')?.split(';')[0] ?? '';
      const validate = ajv.getSchema(
        `openapi#/${pointer('paths', template, 'get', 'responses', String(status), 'content', type, 'schema')}`,
      );
      expect(validate, `${url}: a schema for ${status} ${type}`).toBeDefined();
      const valid = validate?.(await response.json());
      expect(valid ? [] : validate?.errors, url).toEqual([]);
    }
  });

  it('answers 304 to its own ETag', async () => {
    const first = await harness().app.request('/openapi.json');
    const etag = first.headers.get('etag') ?? '';
    const again = await harness().app.request('/openapi.json', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });
});

describeEachStore('GET /docs', (harness) => {
  it('serves a reference page that loads only its own assets, each of which answers', async () => {
    const response = await harness().app.request('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const html = await response.text();
    expect(html).not.toMatch(/https?:/);
    expect(html).not.toMatch(/(src|href)="\/\//);
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets.sort()).toEqual([
      '/docs/favicon-32x32.png',
      '/docs/init.js',
      '/docs/swagger-ui-bundle.js',
      '/docs/swagger-ui.css',
    ]);
    const types: Record<string, RegExp> = { css: /^text\/css/, js: /^text\/javascript/, png: /^image\/png/ };
    for (const asset of assets) {
      const loaded = await harness().app.request(asset);
      expect(loaded.status, asset).toBe(200);
      expect(loaded.headers.get('content-type')).toMatch(types[asset.split('.').at(-1) ?? ''] ?? /^$/);
      expect((await loaded.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('points Swagger UI at /openapi.json with no outside validator', async () => {
    const script = await (await harness().app.request('/docs/init.js')).text();
    expect(script).toContain("url: '/openapi.json'");
    expect(script).toContain('validatorUrl: null');
  });

  it('answers 404 problem+json for an asset it does not serve', async () => {
    const response = await harness().app.request('/docs/../../package.json');
    expect(response.status).toBe(404);
    const outside = await harness().app.request('/docs/index.html');
    expect(outside.status).toBe(400);
    expect(outside.headers.get('content-type')).toBe('application/problem+json');
  });
});

describeEachStore('GET /problems/{code}', (harness) => {
  it('serves every entry of the catalogue, and 404 for an unknown code', async () => {
    for (const code of problemCodes) {
      const response = await harness().app.request(`/problems/${code}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ code, ...problemTypes[code] });
    }
    expect((await harness().app.request('/problems/no_such_code')).status).toBe(404);
  });
});
