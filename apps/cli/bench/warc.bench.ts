// `khabar ingest` of a large web archive: writes a WARC of SaudiNewsNet articles rendered as HTML
// pages of several site layouts (with request records, images and redirects between them, as a crawl
// has), about 1 GB unless told otherwise, then ingests it into a fresh SQLite store in a child process
// and reports the time, the rate and the child's peak resident memory, sampled from /proc; then runs
// `khabar parse` over it into /dev/null, so that the reader's own memory shows apart from the store's.
// Run: pnpm --filter @khabar/cli bench [-- --gigabytes 1 --gzip]
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type CorpusArticle, loadCorpus, renderArticlePage } from '@khabar/corpus';
import { WARCRecord, WARCSerializer } from 'warcio';

const { values } = parseArgs({
  options: { gigabytes: { type: 'string', default: '1' }, gzip: { type: 'boolean', default: false } },
});
const target = Number(values.gigabytes) * 1e9;
const gzip = values.gzip === true;
const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'khabar-warc-bench-'));
const archive = join(dir, gzip ? 'crawl.warc.gz' : 'crawl.warc');

try {
  const written = await writeArchive(loadCorpus(), archive);
  const size = statSync(archive).size;
  console.log(
    `archive: ${written.pages} pages in ${written.records} records, ${(size / 1e6).toFixed(0)} MB on disk` +
      `${gzip ? ' (gzipped)' : ''}, written in ${written.seconds.toFixed(1)} s`,
  );
  const run = await command(['ingest', archive, '--db', join(dir, 'bench.db')]);
  report('khabar ingest', run, size, written.pages);
  console.log(`summary: ${run.summary}`);
  for (const failure of run.failures.slice(0, 5)) console.log(failure);
  report('khabar parse > /dev/null', await command(['parse', archive], 'ignore'), size, written.pages);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function writeArchive(articles: CorpusArticle[], path: string) {
  const started = performance.now();
  const out = createWriteStream(path);
  const encoder = new TextEncoder();
  let bytes = 0;
  let pages = 0;
  let records = 0;
  const write = async (record: WARCRecord) => {
    const serialized = await WARCSerializer.serialize(record, { gzip });
    bytes += serialized.length;
    records++;
    if (!out.write(serialized)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  const body = (bytes: Uint8Array) =>
    (async function* () {
      yield bytes;
    })();
  // Round after round over the corpus, each round in other layouts, until the archive is big enough.
  for (let round = 0; bytes < target; round++) {
    for (let index = 0; index < articles.length && bytes < target; index++) {
      const page = renderArticlePage(articles[index] as CorpusArticle, round * articles.length + index);
      // Crawlers record target URIs percent-encoded, as `URL` writes them.
      const url = new URL(round === 0 ? page.url : `${page.url}?round=${round}`).href;
      await write(
        WARCRecord.create(
          { url, type: 'request', httpHeaders: {}, statusline: 'GET / HTTP/1.1' },
          body(new Uint8Array(0)),
        ),
      );
      await write(
        WARCRecord.create(
          {
            url,
            type: 'response',
            httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
            statusline: 'HTTP/1.1 200 OK',
          },
          body(encoder.encode(page.html)),
        ),
      );
      pages++;
      if (index % 20 === 0) {
        const image = new Uint8Array(20_000).fill(index % 251);
        await write(
          WARCRecord.create(
            {
              url: `${url}.jpg`,
              type: 'response',
              httpHeaders: { 'Content-Type': 'image/jpeg' },
              statusline: 'HTTP/1.1 200 OK',
            },
            body(image),
          ),
        );
      }
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return { pages, records, seconds: (performance.now() - started) / 1000 };
}

function report(name: string, run: Awaited<ReturnType<typeof command>>, size: number, pages: number): void {
  console.log(
    `${name}: ${run.seconds.toFixed(1)} s, ${(size / 1e6 / run.seconds).toFixed(1)} MB/s, ` +
      `${(pages / run.seconds).toFixed(0)} pages/s, peak RSS ${(run.peakRss / 2 ** 20).toFixed(0)} MiB, exit ${run.code}`,
  );
}

async function command(args: string[], output: 'pipe' | 'ignore' = 'pipe') {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', output, 'pipe'] });
  let peakRss = 0;
  const sample = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kilobytes = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakRss = Math.max(peakRss, kilobytes * 1024);
    } catch {
      // The child has ended.
    }
  }, 200);
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  let lastProgress = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const lines = chunk.toString().trim().split('\n');
    lastProgress = lines.at(-1) ?? lastProgress;
  });
  const code = await new Promise<number>((resolve) => child.on('close', (exit) => resolve(exit ?? 1)));
  clearInterval(sample);
  if (lastProgress) console.log(`${args[0]}, last progress line: ${lastProgress}`);
  const [summary = '', ...failures] = stdout.trim().split('\n');
  return { seconds: (performance.now() - started) / 1000, peakRss, code, summary, failures };
}
