// Child-process entries for the benchmark, so the load generator never shares the server's event loop.
// Each prints its URL, then its CPU time so far (`cpu <µs>`) whenever it gets SIGUSR2.
//   node servers.ts api <sqlite file>    the Khabar API over that store (KHABAR_* settings pass
//                                        through: caches, threads, keys; KHABAR_BENCH_LOG=json writes
//                                        the access log, to /dev/null, as a server logging to a file)
//   node servers.ts bare <json file>     node:http answering that JSON from memory on every path
import { openSync, readFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.ts';
import { createJsonLogger, silentLogger } from '../src/logger.ts';
import { startApi } from '../src/start.ts';

const [mode, file] = process.argv.slice(2);
process.on('SIGUSR2', () => {
  // Started with --expose-gc (the soak bench), a full collection first, so the RSS that follows is what stays.
  (globalThis as { gc?: () => void }).gc?.();
  const { user, system } = process.cpuUsage();
  process.stdout.write(`cpu ${user + system}\n`);
});
if (!file) throw new Error('usage: servers.ts api|bare <file>');

if (mode === 'api') {
  // Settings of the run pass through (caches, threads, keys); the rest is fixed for benchmarking.
  const passed = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name.startsWith('KHABAR_')),
  );
  const config = loadConfig({
    ...passed,
    KHABAR_API_PORT: '0',
    KHABAR_DB: file,
    KHABAR_API_RATE_LIMIT: '0',
    KHABAR_API_LOG: process.env.KHABAR_BENCH_LOG === 'json' ? 'json' : 'off',
  });
  const devNull = openSync('/dev/null', 'w');
  const sink = { write: (text: string) => writeSync(devNull, text) };
  const logger = config.accessLog ? createJsonLogger(sink, sink) : silentLogger;
  const api = await startApi(config, logger);
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
