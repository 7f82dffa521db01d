// Real pages through the whole intake (`readDocument`: decoding, metadata, content, the article rules),
// in one run: body F1 on the 181 pages of the English extraction benchmark beside the published
// extractors (its own evaluate.py, run in a temporary copy), title/date/body on the Arabic pages as
// HTML and as full-page text dumps (their score.py), and pages per second against Readability.js on
// linkedom over the same 181 pages, each including its HTML parse.
// Run: pnpm --filter @khabar/parser bench  (or node bench/pages.bench.ts [--pages ../shared/pages-dev])
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { readDocument } from '../src/index.ts';
import { decodeHtml, defaultPagesDir } from './pages.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: defaultPagesDir } } });
const pagesDir = values.pages;
const work = mkdtempSync(join(tmpdir(), 'khabar-pages-bench-'));

interface RawPage {
  id: string;
  bytes: Buffer;
  url: string | undefined;
}

try {
  const english = loadEnglish();
  englishF1(english);
  arabic('html');
  arabic('txt');
  speed(english);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function loadEnglish(): RawPage[] {
  const dir = join(pagesDir, 'english-benchmark');
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { url?: string }
  >;
  return readdirSync(join(dir, 'html'))
    .filter((name) => name.endsWith('.html.gz'))
    .sort()
    .map((name) => {
      const id = name.slice(0, -'.html.gz'.length);
      return { id, bytes: gunzipSync(readFileSync(join(dir, 'html', name))), url: truth[id]?.url };
    });
}

function bodyOf(page: RawPage): string {
  const [result] = readDocument({
    content: page.bytes,
    name: `${page.id}.html`,
    ...(page.url ? { url: page.url } : {}),
  });
  return result?.ok ? result.article.body.join('\n') : '';
}

function englishF1(pages: RawPage[]): void {
  const copy = join(work, 'english-benchmark');
  cpSync(join(pagesDir, 'english-benchmark'), copy, {
    recursive: true,
    filter: (source) => !source.includes(`${join('english-benchmark', 'html')}`),
  });
  const output = Object.fromEntries(pages.map((page) => [page.id, { articleBody: bodyOf(page) }]));
  writeFileSync(join(copy, 'output', 'khabar.json'), JSON.stringify({ version: 'readDocument', output }));
  const run = spawnSync('python3', ['evaluate.py', '--n-bootstrap', '200'], { cwd: copy, encoding: 'utf8' });
  const wanted = /^(?:\s|khabar|readability_js|trafilatura|rs_trafilatura|newspaper)\b/;
  const lines = run.stdout.split('\n').filter((line) => wanted.test(line) && line.trim().length > 0);
  console.log(`English extraction benchmark, ${pages.length} pages, body token F1 (evaluate.py):`);
  for (const line of lines) console.log(`  ${line}`);
  if (run.status !== 0) console.log(run.stderr);
}

function arabic(kind: 'html' | 'txt'): void {
  const dir = join(pagesDir, 'arabic', kind);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith(`.${kind}`))
    .sort()
    .map((name) => join(dir, name));
  const gold = JSON.parse(readFileSync(join(pagesDir, 'arabic', 'gold.json'), 'utf8')) as {
    file: string;
    url: string;
  }[];
  const urls = new Map(gold.map((page) => [page.file.replace(/\.html$/, ''), page.url]));
  const lines = files.map((path) => {
    const stem = path.slice(dir.length + 1, -(kind.length + 1));
    // A page is read with the address it was fetched from, as a crawler has it; a text dump has none.
    const url = kind === 'html' ? urls.get(stem) : undefined;
    const [result] = readDocument({ content: readFileSync(path), name: path, ...(url ? { url } : {}) });
    return JSON.stringify(result?.ok ? result.article : { file: path, error: result?.error });
  });
  writeFileSync(join(work, `arabic-${kind}.jsonl`), `${lines.join('\n')}\n`);
  writeFileSync(join(work, `arabic-${kind}.list`), `${files.join('\n')}\n`);
  const run = spawnSync(
    'python3',
    [
      join(pagesDir, 'arabic', 'score.py'),
      join(pagesDir, 'arabic', 'gold.json'),
      join(work, `arabic-${kind}.jsonl`),
      join(work, `arabic-${kind}.list`),
    ],
    { encoding: 'utf8' },
  );
  console.log(`Arabic pages as ${kind === 'html' ? 'HTML' : 'full-page text dumps'} (score.py):`);
  for (const line of run.stdout.trim().split('\n')) console.log(`  ${line}`);
}

function speed(pages: RawPage[]): void {
  const megabytes = pages.reduce((sum, page) => sum + page.bytes.length, 0) / 1e6;
  const texts = pages.map((page) => decodeHtml(page.bytes));
  // One warm-up pass each, so that both are timed compiled.
  for (const page of pages.slice(0, 20)) bodyOf(page);
  for (const html of texts.slice(0, 20)) new Readability(parseHTML(html).document).parse();
  const ours = timed(() => {
    for (const page of pages) bodyOf(page);
  });
  const theirs = timed(() => {
    for (const html of texts) new Readability(parseHTML(html).document).parse();
  });
  const rate = (seconds: number) =>
    `${(pages.length / seconds).toFixed(1)} pages/s (${(megabytes / seconds).toFixed(1)} MB/s)`;
  console.log(`Speed over the ${pages.length} English pages (${megabytes.toFixed(1)} MB), one run:`);
  console.log(`  readDocument (bytes in, article out):   ${rate(ours.wall)}, CPU ${ours.cpu.toFixed(2)} s`);
  console.log(
    `  Readability.js 0.6 + linkedom (text in): ${rate(theirs.wall)}, CPU ${theirs.cpu.toFixed(2)} s`,
  );
  console.log(
    `  ratio: ${(theirs.wall / ours.wall).toFixed(2)}× by wall time, ${(theirs.cpu / ours.cpu).toFixed(2)}× by CPU`,
  );
}

function timed(work: () => void): { wall: number; cpu: number } {
  const started = performance.now();
  const cpu = process.cpuUsage();
  work();
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}
