// Parser throughput on the SaudiNewsNet corpus rendered as text dumps, on one core: the parser in
// process, against a floor (splitting into trimmed lines) and against Readability over minimal HTML
// pages of the same articles, then `khabar parse` end to end over the corpus written to files.
// Run: pnpm --filter @khabar/parser bench [-- --readability-sample N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type CorpusArticle, loadCorpus, renderCorpus } from '@khabar/corpus';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parseArticle } from '../src/index.ts';

const { values } = parseArgs({
  options: { 'readability-sample': { type: 'string', default: '3000' } },
});
const readabilitySample = Number(values['readability-sample']);

const MB = 1e6;
const articles = loadCorpus();
const texts = renderCorpus(articles);
const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
console.log(`corpus: ${texts.length} documents, ${(bytes / MB).toFixed(1)} MB of UTF-8 text`);

let peakRss = 0;
let peakHeap = 0;
function sampleMemory(): void {
  const { rss, heapUsed } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  peakHeap = Math.max(peakHeap, heapUsed);
}

/** Runs `work` over every text, `rounds` times, and returns the best round's seconds. */
function timed(rounds: number, work: (text: string) => unknown, list: readonly string[] = texts): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let index = 0; index < list.length; index++) {
      work(list[index] as string);
      if (index % 2000 === 0) sampleMemory();
    }
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return best;
}

function floor(text: string): string[] {
  return text.split('\n').map((line) => line.trim());
}

let failures = 0;
function parse(text: string): void {
  if (!parseArticle(text).ok) failures++;
}

// Warm both paths up so the JIT has compiled them before the clock runs.
timed(1, floor, texts.slice(0, 3000));
timed(1, parse, texts.slice(0, 3000));
failures = 0;

const floorSeconds = timed(3, floor);
const parseSeconds = timed(3, parse);
const parsedPerSecond = texts.length / parseSeconds;
console.log(
  `parser: ${(bytes / MB / parseSeconds).toFixed(1)} MB/s, ${Math.round(parsedPerSecond)} documents/s` +
    ` (best of 3 rounds, ${parseSeconds.toFixed(2)} s a round; ${failures / 3} refused per round)`,
);
console.log(
  `floor (split into trimmed lines): ${(bytes / MB / floorSeconds).toFixed(1)} MB/s;` +
    ` the parser takes ${(parseSeconds / floorSeconds).toFixed(1)}x the floor's time`,
);
console.log(`peak memory: RSS ${(peakRss / MB).toFixed(0)} MB, heap used ${(peakHeap / MB).toFixed(0)} MB`);

// Readability over minimal HTML pages built from the same corpus articles.
function page(article: CorpusArticle): string {
  const paragraphs = article.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('');
  return `<html><body><article><h1>${escapeHtml(article.title)}</h1>${paragraphs}</article></body></html>`;
}
function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
const step = Math.max(1, Math.floor(articles.length / readabilitySample));
const sample = articles.filter((_, index) => index % step === 0).slice(0, readabilitySample);
const pages = sample.map(page);
const sampleTexts = sample.map((article) => texts[articles.indexOf(article)] as string);
function readability(html: string): void {
  const { document } = parseHTML(html);
  new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
}
timed(1, readability, pages.slice(0, 200));
const readabilitySeconds = timed(1, readability, pages);
const parserSampleSeconds = timed(3, parse, sampleTexts);
const readabilityPerSecond = sample.length / readabilitySeconds;
const parserSamplePerSecond = sample.length / parserSampleSeconds;
console.log(
  `readability + linkedom: ${Math.round(readabilityPerSecond)} documents/s on a sample of ${sample.length}` +
    ` evenly spread articles; the parser reads the same articles at ${Math.round(parserSamplePerSecond)}` +
    ` documents/s: ${(parserSamplePerSecond / readabilityPerSecond).toFixed(1)}x`,
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
  const devNull = openSync('/dev/null', 'w');
  const started = performance.now();
  const run = spawnSync(process.execPath, [bin, 'parse', corpusDirectory], {
    stdio: ['ignore', devNull, 'pipe'],
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `khabar parse end to end: ${(bytes / MB / seconds).toFixed(1)} MB/s, ${Math.round(texts.length / seconds)}` +
      ` documents/s (${seconds.toFixed(2)} s including process start; exit ${run.status})`,
  );
} finally {
  rmSync(directory, { recursive: true, force: true });
}
