// Parser throughput on the SaudiNewsNet corpus rendered as text dumps of the whole input family
// (keywords lines, glued credits, read-also items, appended articles, bylines and datelines, at the
// rates `renderDump` of @khabar/corpus gives; the shares are printed), on one core: the parser in
// process, against a floor (splitting into trimmed lines) and against Readability over minimal HTML
// pages of the same articles, then `khabar parse` end to end over the corpus written to files.
// The machine is shared: besides the best wall-clock round, CPU time is reported, which other
// processes' load disturbs far less.
// Run: pnpm --filter @khabar/parser bench [-- --rounds N --readability-sample N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type CorpusArticle, loadCorpus, renderCorpusDumps, summarizeRendering } from '@khabar/corpus';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parseArticle } from '../src/index.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    'readability-sample': { type: 'string', default: '3000' },
  },
});
const rounds = Number(values.rounds);
const readabilitySample = Number(values['readability-sample']);
const MB = 1e6;

// Readability reads minimal HTML pages built from an evenly spread sample of the same articles; the
// corpus objects themselves are let go before the parser is timed, so they do not weigh on its GC.
const { texts, pages, sampleTexts, keywordTexts, summary } = prepare();
const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
const keywordBytes = keywordTexts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
const percent = (share: number) => `${(share * 100).toFixed(0)}%`;
console.log(`corpus: ${texts.length} documents, ${(bytes / MB).toFixed(1)} MB of UTF-8 text`);
console.log(
  `rendering: keywords line ${percent(summary.shares.keywords)} (mean ${summary.keywordWords.mean.toFixed(1)}` +
    ` words, longest ${summary.keywordWords.max}), appended articles ${percent(summary.shares.appended)}` +
    ` (mean ${summary.appendedPerDocument.toFixed(1)}), read-also ${percent(summary.shares.readAlso)}` +
    ` (mean ${summary.readAlsoPerDocument.toFixed(1)}), agency credit ${percent(summary.shares.agency)},` +
    ` publisher credit ${percent(summary.shares.publisher)}, both glued on one line` +
    ` ${percent(summary.shares.gluedCredits)}, date line ${percent(summary.shares.dateLine)},` +
    ` byline ${percent(summary.shares.byline)}, dateline ${percent(summary.shares.dateline)},` +
    ` ad or share line ${percent(summary.shares.chrome)}`,
);

function prepare() {
  const articles = loadCorpus();
  const dumps = renderCorpusDumps(articles);
  const rendered = dumps.map((dump) => dump.text);
  const step = Math.max(1, Math.floor(articles.length / readabilitySample));
  const indexes = articles.map((_, index) => index).filter((index) => index % step === 0);
  const chosen = indexes.slice(0, readabilitySample);
  return {
    texts: rendered,
    pages: chosen.map((index) => page(articles[index] as CorpusArticle)),
    sampleTexts: chosen.map((index) => rendered[index] as string),
    keywordTexts: dumps.filter((dump) => dump.features.keywordWords > 0).map((dump) => dump.text),
    summary: summarizeRendering(dumps.map((dump) => dump.features)),
  };
}

function page(article: CorpusArticle): string {
  const paragraphs = article.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('');
  return `<html><body><article><h1>${escapeHtml(article.title)}</h1>${paragraphs}</article></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

let peakRss = 0;
let peakHeap = 0;
function sampleMemory(): void {
  const { rss, heapUsed } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  peakHeap = Math.max(peakHeap, heapUsed);
}

interface Timing {
  /** Best wall-clock seconds of a round. */
  wall: number;
  /** Fewest CPU seconds (user and system, all threads of the process) of a round. */
  cpu: number;
}

/** Runs `work` over every text of the list, `count` times; returns the best round's wall and CPU time. */
function timed(count: number, work: (text: string) => unknown, list: readonly string[]): Timing {
  const best = { wall: Number.POSITIVE_INFINITY, cpu: Number.POSITIVE_INFINITY };
  for (let round = 0; round < count; round++) {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let index = 0; index < list.length; index++) {
      work(list[index] as string);
      if (index % 2000 === 0) sampleMemory();
    }
    const cpu = process.cpuUsage(cpuBefore);
    best.wall = Math.min(best.wall, (performance.now() - started) / 1000);
    best.cpu = Math.min(best.cpu, (cpu.user + cpu.system) / 1e6);
  }
  return best;
}

function rate(timing: Timing, megabytes: number): string {
  return `${(megabytes / timing.wall).toFixed(1)} MB/s wall, ${(megabytes / timing.cpu).toFixed(1)} MB/s CPU`;
}

function floor(text: string): string[] {
  return text.split('\n').map((line) => line.trim());
}

let refused = 0;
function parse(text: string): void {
  if (!parseArticle(text).ok) refused++;
}

// Warm both paths up so the JIT has compiled them before the clock runs.
timed(1, floor, texts.slice(0, 3000));
timed(1, parse, texts.slice(0, 3000));
refused = 0;

const floorTime = timed(rounds, floor, texts);
const parseTime = timed(rounds, parse, texts);
console.log(
  `parser: ${rate(parseTime, bytes / MB)}; ${Math.round(texts.length / parseTime.wall)} documents/s` +
    ` (best of ${rounds} rounds; ${refused / rounds} documents refused per round)`,
);
const keywordTime = timed(rounds, parse, keywordTexts);
console.log(
  `parser on the ${keywordTexts.length} documents with a keywords line: ${rate(keywordTime, keywordBytes / MB)}`,
);
console.log(
  `floor (split into trimmed lines): ${rate(floorTime, bytes / MB)}; the parser takes` +
    ` ${(parseTime.wall / floorTime.wall).toFixed(1)}x the floor's wall time`,
);
console.log(`peak memory: RSS ${(peakRss / MB).toFixed(0)} MB, heap used ${(peakHeap / MB).toFixed(0)} MB`);

function readability(html: string): void {
  const { document } = parseHTML(html);
  new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
}
// The parser's round on the sample comes first: Readability's DOMs leave a heap full of garbage that
// would be collected during the parser's time, not its own.
const parserSampleTime = timed(rounds, parse, sampleTexts);
timed(1, readability, pages.slice(0, 200));
const readabilityTime = timed(1, readability, pages);
console.log(
  `readability + linkedom: ${Math.round(pages.length / readabilityTime.wall)} documents/s on a sample of` +
    ` ${pages.length} evenly spread articles; the parser reads the same articles at` +
    ` ${Math.round(sampleTexts.length / parserSampleTime.wall)} documents/s:` +
    ` ${(readabilityTime.wall / parserSampleTime.wall).toFixed(1)}x wall,` +
    ` ${(readabilityTime.cpu / parserSampleTime.cpu).toFixed(1)}x CPU`,
);

// End to end: the corpus written to files, `khabar parse <dir>` with its output sent to /dev/null.
const directory = mkdtempSync(join(tmpdir(), 'khabar-bench-'));
try {
  const corpusDirectory = join(directory, 'corpus');
  mkdirSync(corpusDirectory);
  texts.forEach((text, index) => {
    writeFileSync(join(corpusDirectory, `${String(index).padStart(5, '0')}.txt`), text);
  });
  const bin = fileURLToPath(new URL('../../../apps/cli/src/bin.ts', import.meta.url));
  // bash's `time` gives the child's CPU time beside the wall time. With a second core the command
  // parses on one thread per core; pinned to one core (taskset) it parses on its main thread.
  const endToEnd = (pin: string) => {
    const script = `TIMEFORMAT="%R %U %S"; time ${pin} "$0" "$1" parse "$2" > /dev/null`;
    const run = spawnSync('bash', ['-c', script, process.execPath, bin, corpusDirectory], {
      encoding: 'utf8',
    });
    const [wall, user, system] = (run.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
    const timing = { wall: wall ?? Number.NaN, cpu: (user ?? Number.NaN) + (system ?? Number.NaN) };
    return { timing, status: run.status };
  };
  const cores = availableParallelism();
  const runs: [string, string][] = [[`on ${cores} core${cores === 1 ? '' : 's'}`, '']];
  if (cores > 1 && spawnSync('taskset', ['-c', '0', 'true']).status === 0)
    runs.push(['on one core', 'taskset -c 0']);
  for (const [label, pin] of runs) {
    const { timing, status } = endToEnd(pin);
    console.log(
      `khabar parse end to end ${label}: ${rate(timing, bytes / MB)}, ${Math.round(texts.length / timing.wall)}` +
        ` documents/s (${timing.wall.toFixed(2)} s wall including process start; exit ${status})`,
    );
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
