// Article text extraction (`extractContent`) on real pages: body F1 on the 181 pages of the English
// article-extraction benchmark with its own `evaluate.py` (run in a temporary copy of the benchmark,
// beside the published results), body F1 on the Arabic pages with their `score.py`, and one timed
// run over the English pages against Readability.js on linkedom (each including its HTML parse).
// Run: node bench/content-quality.ts [--pages ../shared/pages-dev] [--worst N]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Readability } from '@mozilla/readability';
import { isTag } from 'domhandler';
import { textContent } from 'domutils';
import { parseHTML } from 'linkedom';
import { extractContent } from '../src/html/content.ts';
import { type PageDom, parsePage } from '../src/html/dom.ts';
import { defaultPagesDir, loadArabicPages, loadEnglishPages, type Page } from './pages.ts';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: defaultPagesDir },
    worst: { type: 'string', default: '0' },
  },
});
const pagesDir = values.pages;
const worst = Number(values.worst);

const english = loadEnglishPages(pagesDir);
const workDir = mkdtempSync(join(tmpdir(), 'khabar-content-'));
try {
  scoreEnglish(english);
  scoreArabic(loadArabicPages(pagesDir));
  timeAgainstReadability(english);
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

/** The headline as the page states it (`og:title`, else `<title>`), standing in for the metadata reader. */
function pageTitle(dom: PageDom): string | undefined {
  let title: string | undefined;
  const pending = [...dom.document.children];
  while (pending.length > 0) {
    const node = pending.pop();
    if (node === undefined || !isTag(node)) continue;
    if (node.name === 'meta' && node.attribs.property === 'og:title' && node.attribs.content)
      return node.attribs.content;
    if (node.name === 'title' && title === undefined) title = textContent(node);
    if (node.name === 'body') continue;
    pending.push(...node.children);
  }
  return title;
}

function extractText(html: string): string[] {
  const dom = parsePage(html);
  const title = pageTitle(dom);
  return extractContent(dom, title === undefined ? {} : { title }).map((block) => block.text);
}

function scoreEnglish(pages: Page[]): void {
  const benchmark = join(workDir, 'english-benchmark');
  cpSync(join(pagesDir, 'english-benchmark'), benchmark, { recursive: true });
  const output: Record<string, { articleBody: string }> = {};
  for (const page of pages) output[page.id] = { articleBody: extractText(page.html).join('\n') };
  writeFileSync(join(benchmark, 'output', 'khabar.json'), JSON.stringify({ version: 'dev', output }));
  const metrics = join(workDir, 'metrics.json');
  const run = spawnSync('python3', ['evaluate.py', '--n-bootstrap', '200', '--output', metrics], {
    cwd: benchmark,
    encoding: 'utf8',
  });
  console.log(`English benchmark (${pages.length} pages), evaluate.py:\n${run.stdout}${run.stderr}`);
  if (worst > 0) printWorst(pages, metrics, output);
}

/** The pages with the lowest shingle F1, for reading what went wrong. */
function printWorst(
  pages: Page[],
  metricsFile: string,
  output: Record<string, { articleBody: string }>,
): void {
  const metrics = JSON.parse(readFileSync(metricsFile, 'utf8')) as { khabar: { tp_fp_fns: number[][] } };
  const truth = JSON.parse(
    readFileSync(join(pagesDir, 'english-benchmark', 'ground-truth.json'), 'utf8'),
  ) as Record<string, { url: string }>;
  const ids = Object.keys(truth);
  const rows = metrics.khabar.tp_fp_fns.map(([tp = 0, fp = 0, fn = 0], index) => ({
    id: ids[index] ?? '',
    f1: tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn),
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: tp + fn === 0 ? 0 : tp / (tp + fn),
  }));
  rows.sort((a, b) => a.f1 - b.f1);
  for (const row of rows.slice(0, worst)) {
    const chars = output[row.id]?.articleBody.length ?? 0;
    console.log(
      `${row.f1.toFixed(3)} P ${row.precision.toFixed(3)} R ${row.recall.toFixed(3)} ${row.id.slice(0, 12)} ${chars} chars ${truth[row.id]?.url ?? ''}`,
    );
  }
  console.log(`(${pages.length} pages)\n`);
}

function scoreArabic(pages: Page[]): void {
  const list = join(workDir, 'arabic.list');
  const outputs = join(workDir, 'arabic.jsonl');
  writeFileSync(list, pages.map((page) => page.id).join('\n'));
  const lines = pages.map((page) =>
    JSON.stringify({ title: null, publishedAt: null, byline: null, body: extractText(page.html) }),
  );
  writeFileSync(outputs, `${lines.join('\n')}\n`);
  const gold = join(pagesDir, 'arabic', 'gold.json');
  const run = spawnSync('python3', [join(pagesDir, 'arabic', 'score.py'), gold, outputs, list], {
    encoding: 'utf8',
  });
  console.log(
    `Arabic pages (${pages.length}), score.py (body columns; no title, date or byline given):\n${run.stdout}${run.stderr}`,
  );
}

function timeAgainstReadability(pages: Page[]): void {
  const megabytes = pages.reduce((sum, page) => sum + page.bytes, 0) / 1e6;
  const timed = (label: string, extract: (html: string) => unknown) => {
    const started = performance.now();
    for (const page of pages) extract(page.html);
    const seconds = (performance.now() - started) / 1000;
    const rate = pages.length / seconds;
    console.log(
      `${label.padEnd(34)} ${rate.toFixed(1).padStart(7)} pages/s  ${(megabytes / seconds).toFixed(1)} MB/s`,
    );
    return rate;
  };
  console.log(`Speed, one run over ${pages.length} pages (${megabytes.toFixed(1)} MB), parse included:`);
  const ours = timed('extractContent (htmlparser2)', (html) => extractContent(parsePage(html)));
  const theirs = timed('Readability.js (linkedom)', (html) =>
    new Readability(parseHTML(html).document).parse(),
  );
  console.log(`extractContent is ${(ours / theirs).toFixed(1)}x Readability.js`);
}
