// HTML parse time alone, htmlparser2 + domhandler (what `parsePage` uses, with source ranges on)
// against parse5 (the WHATWG tree builder), over the 181 pages of the English article-extraction
// benchmark: the median of a few rounds, in pages/s and MB/s of the pages' bytes.
// Run: node bench/html-parsers.bench.ts [--pages ../shared/pages-dev] [--rounds 5]
import { parseArgs } from 'node:util';
import { parse } from 'parse5';
import { parsePage } from '../src/html/dom.ts';
import { defaultPagesDir, loadEnglishPages } from './pages.ts';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: defaultPagesDir },
    rounds: { type: 'string', default: '5' },
  },
});
const rounds = Math.max(1, Number(values.rounds));
const pages = loadEnglishPages(values.pages);
const megabytes = pages.reduce((sum, page) => sum + page.bytes, 0) / 1e6;
console.log(`${pages.length} pages, ${megabytes.toFixed(1)} MB; median of ${rounds} rounds`);

const parsers: [string, (html: string) => unknown][] = [
  ['htmlparser2 + domhandler (parsePage)', (html) => parsePage(html).document],
  ['parse5 (with source locations)', (html) => parse(html, { sourceCodeLocationInfo: true })],
  ['parse5', (html) => parse(html)],
];
const rates = new Map<string, number>();
for (const [label, parseHtml] of parsers) {
  const seconds: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const page of pages) parseHtml(page.html);
    seconds.push((performance.now() - started) / 1000);
  }
  seconds.sort((a, b) => a - b);
  const median = seconds[Math.floor(seconds.length / 2)] as number;
  rates.set(label, pages.length / median);
  console.log(
    `${label.padEnd(38)} ${(pages.length / median).toFixed(1).padStart(7)} pages/s ${(megabytes / median).toFixed(1).padStart(6)} MB/s`,
  );
}
const ours = rates.get('htmlparser2 + domhandler (parsePage)') ?? 0;
const theirs = rates.get('parse5 (with source locations)') ?? 1;
console.log(`htmlparser2 is ${(ours / theirs).toFixed(1)}x parse5 with source locations`);
