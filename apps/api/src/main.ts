import { serve } from '@hono/node-server';
import { createApp } from './app.ts';

const port = Number(process.env.KHABAR_API_PORT ?? 8787);
const server = serve(
  { fetch: createApp().fetch, port, hostname: process.env.KHABAR_API_HOST ?? '127.0.0.1' },
  (info) => {
    console.log(JSON.stringify({ msg: 'listening', url: `http://${info.address}:${info.port}` }));
  },
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
