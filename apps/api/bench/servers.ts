// Child-process entries for the benchmark, so the load generator never shares the server's event loop.
// Each prints its URL, then its CPU time so far (`cpu <µs>`) whenever it gets SIGUSR2.
//   node servers.ts api <sqlite file>    the Khabar API over that store (KHABAR_API_CACHE_TTL_S and
//                                        KHABAR_SEARCH_THREADS pass through)
//   node servers.ts bare <json file>     node:http answering that JSON from memory on every path
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openStore } from '@khabar/store';
import { loadConfig } from '../src/config.ts';
import { silentLogger } from '../src/logger.ts';
import { listen } from '../src/server.ts';

const [mode, file] = process.argv.slice(2);
process.on('SIGUSR2', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`cpu ${user + system}\n`);
});
if (!file) throw new Error('usage: servers.ts api|bare <file>');

if (mode === 'api') {
  const config = loadConfig({
    KHABAR_API_PORT: '0',
    KHABAR_DB: file,
    KHABAR_API_RATE_LIMIT: '0',
    KHABAR_API_LOG: 'off',
    ...(process.env.KHABAR_API_CACHE_TTL_S
      ? { KHABAR_API_CACHE_TTL_S: process.env.KHABAR_API_CACHE_TTL_S }
      : {}),
    ...(process.env.KHABAR_SEARCH_THREADS
      ? { KHABAR_SEARCH_THREADS: process.env.KHABAR_SEARCH_THREADS }
      : {}),
  });
  const api = await listen(
    await openStore(file, { searchThreads: config.searchThreads }),
    config,
    silentLogger,
  );
  process.stdout.write(`${api.url}\n`);
  process.once('SIGTERM', () => api.close().then(() => process.exit(0)));
} else {
  const body = readFileSync(file);
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'Content-Type': 'application/json; charset=UTF-8',
      'Content-Length': body.length,
    });
    response.end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}
