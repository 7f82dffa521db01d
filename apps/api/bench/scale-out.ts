// Several API processes on one PostgreSQL database (and one Redis for the rate limit), loaded from
// loopback over the SaudiNewsNet corpus with two mixes: a reader-like one (articles by id, Zipf;
// searches, Zipf over title words; the first page of the listing) and articles by id alone. Prints one
// row per process count and mix, then how long a write through one process takes to show on the others.
//
//   KHABAR_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test \
//   KHABAR_BENCH_REDIS_URL=redis://127.0.0.1:6379 node bench/scale-out.ts
//
// KHABAR_BENCH_PG_URL names the server (a scratch database is made next to it and dropped after);
// KHABAR_BENCH_PG_DB names a database already filled with the corpus, kept after. Without
// KHABAR_BENCH_REDIS_URL each process counts its own rate limit. KHABAR_BENCH_SECONDS sets each run's
// length (10). Process CPU is read from /proc (Linux).
import { readFileSync } from 'node:fs';
import { loadCorpus, renderCorpus } from '@khabar/corpus';
import {
  loadTest,
  type ScratchDatabase,
  type Service,
  scratchDatabase,
  seededRandom,
  zipfSampler,
} from '@khabar/devkit';
import { parseArticle } from '@khabar/parser';
import type { Article } from '@khabar/schema';
import { openStore } from '@khabar/store';
import { startApiProcesses } from '../test/api-processes.ts';

const adminUrl = process.env.KHABAR_BENCH_PG_URL;
const keptDb = process.env.KHABAR_BENCH_PG_DB;
const redisUrl = process.env.KHABAR_BENCH_REDIS_URL;
const seconds = Number(process.env.KHABAR_BENCH_SECONDS ?? 10);
const connections = 48;
const writeKey = 'scale-out-bench-key-0123456789';

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

/** User plus system CPU time of a process so far, in microseconds (clock ticks of 10 ms). */
function cpuMicros(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function fill(url: string): Promise<Article[]> {
  const articles = renderCorpus(loadCorpus()).flatMap((text) => {
    const result = parseArticle(text);
    return result.ok ? [result.article] : [];
  });
  const store = await openStore(url);
  try {
    if ((await store.stats()).articles === 0) {
      const started = performance.now();
      for (let start = 0; start < articles.length; start += 2000) {
        await store.upsertMany(articles.slice(start, start + 2000));
      }
      log(`stored ${articles.length} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await store.close();
  }
  return articles;
}

/**
 * Reader-like paths: 70% articles by id, 20% searches, 10% the listing (`searchShare` 0: articles
 * only); popularity Zipf, seeded.
 */
function readerPaths(articles: Article[], length: number, searchShare = 0.2): string[] {
  const random = seededRandom(20240611);
  const ids = articles.map((article) => article.id);
  const words = [
    ...new Set(
      articles.flatMap((article) => article.title.split(/\s+/).filter((word) => /^\p{L}{4,}$/u.test(word))),
    ),
  ];
  const byId = zipfSampler(ids.length, 1, random);
  const byWord = zipfSampler(words.length, 1, random);
  return Array.from({ length }, () => {
    const draw = random();
    if (searchShare === 0 || draw < 0.7) return `/v1/articles/${ids[byId()]}`;
    if (draw < 0.7 + searchShare) return `/v1/search?q=${encodeURIComponent(words[byWord()] ?? 'السعودية')}`;
    return '/v1/articles?limit=20';
  });
}

function startProcesses(count: number, db: string, shared: boolean): Promise<Service[]> {
  return startApiProcesses(count, {
    KHABAR_DB: db,
    KHABAR_API_KEYS: writeKey,
    KHABAR_API_LOG: 'off',
    // Counted on every request as in production, high enough never to refuse the benchmark.
    KHABAR_API_RATE_LIMIT: '1000000000',
    KHABAR_REDIS_URL: shared && redisUrl ? redisUrl : '',
    KHABAR_REDIS_KEY_PREFIX: 'khabar-bench:',
  });
}

interface Row {
  name: string;
  requestsPerSecond: number;
  p99: number;
  cpuPerRequest: number;
  failures: number;
}

async function measure(name: string, services: Service[], paths: string[]): Promise<Row> {
  let next = 0;
  const each = Math.floor(connections / services.length);
  const load = () =>
    services.map((service) =>
      loadTest({
        url: service.url,
        connections: each,
        duration: seconds,
        requests: [
          {
            setupRequest: (request) => {
              request.path = paths[next % paths.length] ?? '/';
              next += 1;
              return request;
            },
          },
        ],
      }),
    );
  const cpuBefore = services.reduce((sum, service) => sum + cpuMicros(service.child.pid), 0);
  const results = await Promise.all(load());
  const cpu = services.reduce((sum, service) => sum + cpuMicros(service.child.pid), 0) - cpuBefore;
  const total = results.reduce((sum, result) => sum + result.requests.total, 0);
  const row = {
    name,
    requestsPerSecond: results.reduce((sum, result) => sum + result.requests.average, 0),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    cpuPerRequest: cpu / Math.max(1, total),
    failures: results.reduce((sum, result) => sum + result.errors + result.timeouts + result.non2xx, 0),
  };
  log(`${name}: ${Math.round(row.requestsPerSecond)} req/s, p99 ${row.p99} ms`);
  return row;
}

/** Writes through one process and times until every other process serves the article. */
async function visibility(services: Service[], writes: number): Promise<number[]> {
  const lags: number[] = [];
  for (let index = 0; index < writes; index += 1) {
    const text = [
      `مقال تجريبي رقم ${index + 1} لقياس ظهور الكتابة على كل العمليات ${Date.now()}`,
      'تاريخ النشر: 2024-06-11',
      'نص قصير يكتب عبر عملية واحدة ويقرأ من العمليات الأخرى لقياس الزمن اللازم لظهوره.',
      '',
    ].join('\n');
    const writer = services[index % services.length] as Service;
    const response = await fetch(`${writer.url}/v1/articles`, {
      method: 'POST',
      body: text,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', Authorization: `Bearer ${writeKey}` },
    });
    const { id } = (await response.json()) as { id: string };
    const written = performance.now();
    let lag = 0;
    for (const reader of services.filter((service) => service !== writer)) {
      for (;;) {
        const read = await fetch(`${reader.url}/v1/articles/${id}`);
        await read.arrayBuffer();
        if (read.status === 200) break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      lag = performance.now() - written;
    }
    lags.push(lag);
    await fetch(`${writer.url}/v1/articles/${id}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${writeKey}` },
    });
  }
  return lags.sort((a, b) => a - b);
}

if (!adminUrl && !keptDb) throw new Error('set KHABAR_BENCH_PG_URL (or KHABAR_BENCH_PG_DB)');
let scratch: ScratchDatabase | undefined;
const running: Service[] = [];
try {
  if (!keptDb) scratch = await scratchDatabase(adminUrl ?? '', 'bench');
  const db = keptDb ?? scratch?.url ?? '';
  const articles = await fill(db);
  const paths = readerPaths(articles, 500_000);
  const articlePaths = readerPaths(articles, 500_000, 0);
  const plan: [number, boolean][] = [
    [1, true],
    [2, true],
    [3, true],
  ];
  if (redisUrl) plan.push([3, false]);
  const rows: Row[] = [];
  let lags: number[] = [];
  for (const [count, shared] of plan) {
    const services = await startProcesses(count, db, shared);
    running.push(...services);
    const where = shared && redisUrl ? 'limits in Redis' : 'limits per process';
    // Warm each process's caches and connections, as a server that has served is.
    await measure('warm-up', services, paths.slice(0, 20_000));
    const processes = `${count} process${count > 1 ? 'es' : ''}, ${where}`;
    rows.push(await measure(`${processes}, reader mix`, services, paths));
    rows.push(await measure(`${processes}, articles by id`, services, articlePaths));
    if (count === 3 && shared) lags = await visibility(services, 60);
    await Promise.all(services.map((service) => service.stop()));
    running.length = 0;
  }

  const width = Math.max(...rows.map((row) => row.name.length));
  console.log(
    `\nScale-out benchmark: ${articles.length} articles on PostgreSQL, ${connections} connections in all, ${seconds} s each`,
  );
  console.log(
    'reader mix: 70% GET /v1/articles/{id}, 20% GET /v1/search?q=, 10% GET /v1/articles?limit=20;',
    'articles by id: GET /v1/articles/{id} alone (Zipf over every article)\n',
  );
  const columns = ['req/s', 'p99 ms', 'CPU µs/req', 'failures'];
  console.log(`${'run'.padEnd(width)}  ${columns.map((column) => column.padStart(10)).join('  ')}`);
  for (const row of rows) {
    const cells = [row.requestsPerSecond, row.p99, row.cpuPerRequest, row.failures].map((cell) =>
      String(Math.round(cell)).padStart(10),
    );
    console.log(`${row.name.padEnd(width)}  ${cells.join('  ')}`);
  }
  if (lags.length > 0) {
    const at = (share: number) =>
      (lags[Math.min(lags.length - 1, Math.floor(lags.length * share))] ?? 0).toFixed(1);
    console.log(
      `\nwrite through one process, seen by the other two: median ${at(0.5)} ms, p95 ${at(0.95)} ms, ` +
        `max ${at(1)} ms (${lags.length} writes)`,
    );
  }
} finally {
  await Promise.all(running.map((service) => service.stop()));
  await scratch?.drop();
}
