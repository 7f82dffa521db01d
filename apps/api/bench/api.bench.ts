// HTTP throughput and tail latency of the API over the SaudiNewsNet corpus, against a bare node:http
// server answering the same article JSON from memory. Servers run in child processes; autocannon runs
// here. Prints one table; `KHABAR_BENCH_SECONDS` shortens or lengthens each run (default 10), and
// `KHABAR_BENCH_DB` keeps the corpus store at that path and reuses it on the next run.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus, renderCorpus } from '@khabar/corpus';
import { loadTest, seededRandom, zipfSampler } from '@khabar/devkit';
import { parseArticle } from '@khabar/parser';
import type { Article } from '@khabar/schema';
import { openStore } from '@khabar/store';

const seconds = Number(process.env.KHABAR_BENCH_SECONDS ?? 10);
const connections = 50;
const serversScript = fileURLToPath(new URL('./servers.ts', import.meta.url));

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

async function buildStore(path: string, reuse: boolean): Promise<Article[]> {
  let started = performance.now();
  const texts = renderCorpus(loadCorpus());
  const articles = texts.flatMap((text) => {
    const result = parseArticle(text);
    return result.ok ? [result.article] : [];
  });
  log(
    `parsed ${articles.length} of ${texts.length} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  started = performance.now();
  const store = await openStore(path);
  if (reuse && (await store.stats()).articles > 0) {
    await store.close();
    log(`reusing the store at ${path}`);
    return articles;
  }
  for (let start = 0; start < articles.length; start += 2000) {
    await store.upsertMany(articles.slice(start, start + 2000));
  }
  // As `khabar ingest` leaves a store it filled.
  await store.compact();
  const { articles: stored } = await store.stats();
  await store.close();
  log(`stored ${stored} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return articles;
}

interface Server {
  url: string;
  child: ChildProcess;
  /** The server process's CPU time so far, in microseconds. */
  cpu(): Promise<number>;
}

/** Starts `servers.ts` in a child process and resolves once it prints its URL. */
function startServer(mode: 'api' | 'bare', file: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, [serversScript, mode, file], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const waiting: ((line: string) => void)[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      waiting.shift()?.(line);
      newline = buffered.indexOf('\n');
    }
  });
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const cpu = async () => {
    const line = nextLine();
    child.kill('SIGUSR2');
    return Number((await line).replace('cpu ', ''));
  };
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
    nextLine().then((url) => resolve({ url, child, cpu }));
  });
}

/** Reader-like queries: title words of four letters or more, alone and in pairs, spread over the corpus. */
function queries(articles: Article[], count: number): string[] {
  const step = Math.max(1, Math.floor(articles.length / count));
  return titleQueries(articles.filter((_, index) => index % step === 0));
}

/** A title's first word of four letters or more, or for every third title its first two. */
function titleQueries(articles: Article[]): string[] {
  return articles.flatMap((article, index) => {
    const [first, second] = article.title.split(/\s+/).filter((word) => /^\p{L}{4,}$/u.test(word));
    if (!first) return [];
    return index % 3 === 2 && second ? [`${first} ${second}`] : [first];
  });
}

/**
 * A stream of searches shaped like readers' (Zipf, exponent 1): every distinct title query of the
 * corpus, in a seeded random order of popularity, drawn `length` times. A few are asked again and
 * again, most once or never.
 */
function readerStream(articles: Article[], length: number): string[] {
  const random = seededRandom(20231018);
  const pool = [...new Set(titleQueries(articles))];
  for (let index = pool.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [pool[index], pool[other]] = [pool[other] as string, pool[index] as string];
  }
  const draw = zipfSampler(pool.length, 1, random);
  return Array.from({ length }, () => `/v1/search?q=${encodeURIComponent(pool[draw()] as string)}`);
}

interface Row {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Server CPU time per answered request, in microseconds: steadier than rates on shared cores. */
  cpuPerRequest: number;
  failures: number;
  /** Share of the requests that asked for a path not asked before in the run. */
  firstTimeShare: number;
}

async function measure(name: string, server: Server, paths: string[]): Promise<Row> {
  let next = 0;
  const asked = new Set<string>();
  const cpuBefore = await server.cpu();
  const result = await loadTest({
    url: server.url,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          request.path = paths[next % paths.length] ?? '/';
          asked.add(request.path);
          next += 1;
          return request;
        },
      },
    ],
  });
  const cpu = (await server.cpu()) - cpuBefore;
  const row = {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuPerRequest: cpu / Math.max(1, result.requests.total),
    failures: result.errors + result.timeouts + result.non2xx,
    firstTimeShare: asked.size / Math.max(1, next),
  };
  log(`${name}: ${Math.round(row.requestsPerSecond)} req/s, p99 ${row.p99} ms`);
  return row;
}

const dir = await mkdtemp(join(tmpdir(), 'khabar-api-bench-'));
const children: ChildProcess[] = [];
try {
  const dbPath = process.env.KHABAR_BENCH_DB ?? join(dir, 'corpus.db');
  const articles = await buildStore(dbPath, process.env.KHABAR_BENCH_DB !== undefined);
  const api = await startServer('api', dbPath);
  children.push(api.child);

  // A typical article: the one of median length, served with its links resolved.
  const bySize = [...articles].sort((a, b) => a.wordCount - b.wordCount);
  const typical = bySize[Math.floor(bySize.length / 2)] as Article;
  const articleJson = await (await fetch(`${api.url}/v1/articles/${typical.id}`)).text();
  const jsonFile = join(dir, 'article.json');
  await writeFile(jsonFile, articleJson);
  const bare = await startServer('bare', jsonFile);
  children.push(bare.child);
  const uncached = await startServer('api', dbPath, { KHABAR_API_CACHE_TTL_S: '0' });
  children.push(uncached.child);
  const logging = await startServer('api', dbPath, { KHABAR_BENCH_LOG: 'json' });
  children.push(logging.child);
  // The reader stream starts with an empty read cache, as a freshly started server would.
  const fresh = await startServer('api', dbPath);
  children.push(fresh.child);

  const manyIds = articles
    .filter((_, index) => index % 7 === 0)
    .map((article) => `/v1/articles/${article.id}`);
  const searchPaths = queries(articles, 400).map((q) => `/v1/search?q=${encodeURIComponent(q)}`);
  const stream = readerStream(articles, 1_000_000);
  log(`${connections} connections, ${seconds} s per run, ${searchPaths.length} repeating queries`);

  const rows = [
    await measure('bare node:http, same article JSON', bare, ['/']),
    await measure('GET /v1/articles/{id} (one article)', api, [`/v1/articles/${typical.id}`]),
    await measure('GET /v1/articles/{id} (one), access log on', logging, [`/v1/articles/${typical.id}`]),
    await measure('GET /v1/articles/{id} (varied ids)', api, manyIds),
    await measure('GET /v1/articles?limit=20', api, ['/v1/articles?limit=20']),
    await measure('GET /v1/search?q= (400 queries, repeating)', api, searchPaths),
    await measure('GET /v1/search?q= (reader stream, Zipf)', fresh, stream),
    await measure('GET /v1/articles/{id} (one), no read cache', uncached, [`/v1/articles/${typical.id}`]),
    await measure('GET /v1/articles?limit=20, no read cache', uncached, ['/v1/articles?limit=20']),
    // Twice on the same server: the first run starts its search threads and fills what they keep
    // while the database is unchanged (titles, terms); the second measures searches at that level.
    await measure('GET /v1/search?q= (every query computed)', uncached, searchPaths),
    await measure('GET /v1/search?q= (every query computed, again)', uncached, searchPaths),
  ];
  const bareRate = rows[0]?.requestsPerSecond ?? Number.NaN;
  const byId = rows[1]?.requestsPerSecond ?? Number.NaN;
  const bareCpu = rows[0]?.cpuPerRequest ?? Number.NaN;
  const repeating = rows[5];
  const zipf = rows[6];

  const width = Math.max(...rows.map((row) => row.name.length));
  const columns = ['req/s', 'p50 ms', 'p99 ms', 'CPU µs/req', 'new paths', 'failures'];
  console.log(
    `\nAPI benchmark: ${articles.length} articles, ${connections} connections, ${seconds} s each\n`,
  );
  console.log(`${'run'.padEnd(width)}  ${columns.map((column) => column.padStart(10)).join('  ')}`);
  for (const row of rows) {
    const cells = [row.requestsPerSecond, row.p50, row.p99, row.cpuPerRequest].map((cell) =>
      String(Math.round(cell)),
    );
    cells.push(`${(row.firstTimeShare * 100).toFixed(1)}%`, String(row.failures));
    console.log(`${row.name.padEnd(width)}  ${cells.map((cell) => cell.padStart(10)).join('  ')}`);
  }
  const ratio = byId / bareRate;
  const cpuRatio = bareCpu / (rows[1]?.cpuPerRequest ?? Number.NaN);
  console.log(
    `\narticle by id / bare server: ${ratio.toFixed(2)} (target ≥ 0.80) ${ratio >= 0.8 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `the same by server CPU per request: ${cpuRatio.toFixed(2)} (target ≥ 0.80) ${cpuRatio >= 0.8 ? 'met' : 'NOT met'}`,
  );
  for (const computed of rows.slice(-2)) {
    const met = computed.requestsPerSecond >= 1000 ? 'met' : 'NOT met';
    console.log(
      `${computed.name}: ${Math.round(computed.requestsPerSecond)} req/s (target ≥ 1000) ${met}, ` +
        `${(computed.cpuPerRequest / 1000).toFixed(2)} ms of server CPU per search (search threads included)`,
    );
  }
  for (const search of [repeating, zipf]) {
    const met = (search?.p99 ?? Number.POSITIVE_INFINITY) < 25 ? 'met' : 'NOT met';
    console.log(`${search?.name} p99: ${search?.p99} ms (target < 25 ms) ${met}`);
  }
} finally {
  for (const child of children) child.kill('SIGTERM');
  await rm(dir, { recursive: true, force: true });
}
