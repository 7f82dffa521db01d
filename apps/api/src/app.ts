import { OpenAPIHono } from '@hono/zod-openapi';

/** Builds the API application. */
export function createApp() {
  const app = new OpenAPIHono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  return app;
}

export type App = ReturnType<typeof createApp>;
