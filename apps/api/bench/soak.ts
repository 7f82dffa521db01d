// Memory of the API under a few minutes of mixed load: a real server process (`servers.ts api`) over
// a SQLite store of the first few thousand SaudiNewsNet articles, sent reads of articles and lists,
// searches and writes of more corpus articles, with its resident memory read from /proc every few
// seconds: idle before, during the load, idle after, and after a forced full collection.
//   node bench/soak.ts [--articles 3000] [--seconds 120] [--after 30] [--every 5] [--concurrency 16]
//     [--writes 0.05]  (the share of requests that store an article; the rest keep their proportions)
//     [--rewrite]      (writes change a stored article's body rather than store a further one: the store
//                       does not grow)
// KHABAR_* settings (cache sizes, threads) pass through to the server.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCorpus, renderCorpus } from '@khabar/corpus';
import { seededRandom } from '@khabar/devkit';
import { parseArticle } from '@khabar/parser';
import type { Article } from '@khabar/schema';
import { openStore } from '@khabar/store';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    articles: { type: 'string', default: '3000' },
    seconds: { type: 'string', default: '120' },
    after: { type: 'string', default: '30' },
    every: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    writes: { type: 'string', default: '0.05' },
    rewrite: { type: 'boolean', default: false },
  },
});
const storedCount = Number(values.articles);
const loadSeconds = Number(values.seconds);
const afterSeconds = Number(values.after);
const everySeconds = Number(values.every);
const concurrency = Number(values.concurrency);
const writeShare = Number(values.writes);
if (!(writeShare >= 0 && writeShare <= 1))
  throw new RangeError(`--writes is a share from 0 to 1, got ${values.writes}`);
// Articles, lists and searches in the proportions 55 : 15 : 25 of what writes leave.
const readScale = (1 - writeShare) / 0.95;
const apiKey = 'soak-key-0123456789abcdef';
const serversScript = fileURLToPath(new URL('./servers.ts', import.meta.url));
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

function log(message: string) {
  process.stdout.write(`${message}\n`);
}

/** Parses the corpus; the first `storedCount` articles are stored before the server starts. */
function corpusArticles(): Article[] {
  return renderCorpus(loadCorpus()).flatMap((text) => {
    const result = parseArticle(text);
    return result.ok ? [result.article] : [];
  });
}

interface Server {
  url: string;
  child: ChildProcess;
  /** A full collection in the server, then its CPU time: resolves once done. */
  collect(): Promise<void>;
}

function startServer(file: string): Promise<Server> {
  const child = spawn(process.execPath, ['--expose-gc', serversScript, 'api', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, KHABAR_API_KEYS: apiKey },
  });
  const waiting: ((line: string) => void)[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let newline = buffered.indexOf('\n'); newline !== -1; newline = buffered.indexOf('\n')) {
      waiting.shift()?.(buffered.slice(0, newline).trim());
      buffered = buffered.slice(newline + 1);
    }
  });
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the API exited with ${code}`)));
    nextLine().then((url) =>
      resolve({
        url,
        child,
        async collect() {
          const line = nextLine();
          child.kill('SIGUSR2');
          await line;
        },
      }),
    );
  });
}

/** Resident memory of a process, from /proc (Linux). */
async function rss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? Number.NaN);
  return kib * 1024;
}

/** Title words readers might type: every distinct first word of four letters or more, and pairs. */
function searchTerms(articles: readonly Article[]): string[] {
  const terms = new Set<string>();
  for (const article of articles) {
    const words = article.title.split(/\s+/).filter((word) => /^\p{L}{4,}$/u.test(word));
    if (words[0]) terms.add(words[0]);
    if (words[0] && words[1]) terms.add(`${words[0]} ${words[1]}`);
  }
  return [...terms];
}

interface Counts {
  requests: number;
  failures: number;
  byKind: Record<string, number>;
  /** Answers of 500 and above, by kind of request and status. */
  failed: Record<string, number>;
}

/** A stored article with a body changed by one paragraph: the `n`th change stores over it. */
function rewritten(article: Article, n: number): Article {
  return {
    ...article,
    body: [...article.body, `تحديث رقم ${n}`],
    provenance: {
      ...article.provenance,
      contentHash: createHash('sha256').update(`${article.id} ${n}`).digest('hex'),
    },
  };
}

/**
 * Mixed requests from `concurrency` loops until `until`: by default 55% articles, 15% lists, 25%
 * searches, 5% writes (`--writes` sets the last; the others keep their proportions).
 */
async function load(
  url: string,
  stored: readonly Article[],
  fresh: readonly Article[],
  until: number,
  counts: Counts,
): Promise<void> {
  const random = seededRandom(20240611);
  const terms = searchTerms(stored);
  const tags = [...new Set(stored.flatMap((article) => article.tags))];
  let nextFresh = 0;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const one = async (): Promise<void> => {
    const draw = random();
    let kind: string;
    let response: Response;
    if (draw < 0.55 * readScale) {
      kind = 'article';
      response = await fetch(`${url}/v1/articles/${pick(stored).id}`);
    } else if (draw < 0.7 * readScale) {
      kind = 'list';
      const tag = random() < 0.5 ? `&tag=${encodeURIComponent(pick(tags))}` : '';
      response = await fetch(`${url}/v1/articles?limit=${1 + Math.floor(random() * 50)}${tag}`);
    } else if (draw < 0.95 * readScale) {
      kind = 'search';
      response = await fetch(`${url}/v1/search?q=${encodeURIComponent(pick(terms))}`);
    } else {
      kind = 'write';
      const article = values.rewrite
        ? rewritten(pick(stored), nextFresh++)
        : (fresh[nextFresh++ % fresh.length] as Article);
      response = await fetch(`${url}/v1/articles`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
        body: JSON.stringify(article),
      });
    }
    await response.arrayBuffer();
    counts.requests++;
    counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
    if (response.status >= 500) {
      counts.failures++;
      const key = `${kind} ${response.status}`;
      counts.failed[key] = (counts.failed[key] ?? 0) + 1;
    }
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) await one();
    }),
  );
}

const started = performance.now();
const articles = corpusArticles();
const stored = articles.slice(0, storedCount);
const fresh = articles.slice(storedCount);
const folder = await mkdtemp(join(tmpdir(), 'khabar-soak-'));
const file = join(folder, 'khabar.db');
const store = await openStore(file);
for (let start = 0; start < stored.length; start += 500)
  await store.upsertMany(stored.slice(start, start + 500));
await store.close();
log(
  `store: ${stored.length} articles (${((performance.now() - started) / 1000).toFixed(1)} s to parse and store); ` +
    `load: ${loadSeconds} s, ${concurrency} loops, ${(writeShare * 100).toFixed(0)}% writes${values.rewrite ? ' of stored articles' : ''}; then ${afterSeconds} s idle`,
);
log(
  `settings: ${
    Object.entries(process.env)
      .filter(([name]) => name.startsWith('KHABAR_') && name !== 'KHABAR_CORPUS_DIR')
      .map(([name, value]) => `${name}=${value}`)
      .join(' ') || 'defaults'
  }`,
);

const server = await startServer(file);
const pid = server.child.pid as number;
const begin = Date.now();
const samples: { phase: string; second: number; rss: number; requests: number }[] = [];
const counts: Counts = { requests: 0, failures: 0, byKind: {}, failed: {} };
let phase = 'before';
const sample = async () => {
  const entry = {
    phase,
    second: Math.round((Date.now() - begin) / 1000),
    rss: await rss(pid),
    requests: counts.requests,
  };
  samples.push(entry);
  log(
    `${String(entry.second).padStart(4)} s  ${entry.phase.padEnd(7)} RSS ${mib(entry.rss).padStart(4)} MiB  ${entry.requests} requests`,
  );
};
const sampler = setInterval(() => void sample(), everySeconds * 1000);
await sample();
await new Promise((resolve) => setTimeout(resolve, 10_000));
phase = 'load';
await load(server.url, stored, fresh, Date.now() + loadSeconds * 1000, counts);
phase = 'after';
await new Promise((resolve) => setTimeout(resolve, afterSeconds * 1000));
clearInterval(sampler);
await sample();
await server.collect();
phase = 'gc';
await sample();

const of = (name: string) => samples.filter((entry) => entry.phase === name).map((entry) => entry.rss);
const during = of('load');
log(
  `summary: RSS before ${mib(Math.max(...of('before')))} MiB, during load ${mib(Math.min(...during))}–${mib(Math.max(...during))} MiB, ` +
    `after ${afterSeconds} s idle ${mib(of('after').at(-1) ?? Number.NaN)} MiB, after a full GC ${mib(of('gc')[0] ?? Number.NaN)} MiB; ` +
    `${counts.requests} requests (${Object.entries(counts.byKind)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(
        ', ',
      )}), ${counts.failures} answered 5xx${counts.failures > 0 ? ` (${JSON.stringify(counts.failed)})` : ''}`,
);
server.child.removeAllListeners('exit');
server.child.kill('SIGTERM');
await new Promise((resolve) => server.child.once('exit', resolve));
await rm(folder, { recursive: true, force: true });
