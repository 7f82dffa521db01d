// How well readMetadata reads titles, publication days and bylines.
// 1. The real Arabic pages of ../shared/pages-dev/arabic (gold.json), page by page.
// 2. SaudiNewsNet articles rendered into invented site layouts (renderArticlePage), scored in bulk.
// 3. The English benchmark pages: nothing throws, and the titles are printed for a look.
// Run: node packages/parser/bench/metadata.eval.ts [--rendered N] [--english] [--verbose]
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { type CorpusArticle, loadCorpus, renderArticlePage } from '@khabar/corpus';
import { parsePage } from '../src/html/dom.ts';
import { readMetadata } from '../src/html/metadata.ts';

const { values } = parseArgs({
  options: {
    rendered: { type: 'string', default: '3000' },
    english: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const pagesDir = fileURLToPath(new URL('../../../../shared/pages-dev/', import.meta.url));

interface Gold {
  file: string;
  url: string;
  title: string;
  publishedDate: string | null;
  dateAlternatives?: string[];
  byline: string | null;
}

// The scorer's comparison (pages-dev/arabic/score.py): NFC, invisible characters, tatweel and harakat
// removed, whitespace collapsed, punctuation and symbols trimmed at the edges.
function comparable(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFC')
    .replace(/[\u00ad\u061c\ufeff\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\u0640\u064b-\u065f\u0670]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
}

function bylineRight(got: string | null, want: string | null): boolean {
  if (!want) return comparable(got) === '';
  const clean = comparable(comparable(got).replace(/^(?:كتبت|كتب|بقلم|حوار|إعداد|اعداد)\s*:?\s*/, ''));
  const first = comparable(clean.split(/\s[-–—]\s|[-–—،,]/)[0]);
  return [clean, first].includes(comparable(want));
}

function realArabic(): void {
  const golds = JSON.parse(readFileSync(join(pagesDir, 'arabic/gold.json'), 'utf8')) as Gold[];
  let titles = 0;
  let dates = 0;
  let bylines = 0;
  console.log('real Arabic pages (pages-dev/arabic)');
  for (const gold of golds) {
    const html = readFileSync(join(pagesDir, 'arabic/html', gold.file), 'utf8');
    const meta = readMetadata(parsePage(html), gold.url);
    const title = comparable(meta.title?.value) === comparable(gold.title);
    const day = meta.publishedAt?.value.slice(0, 10) ?? null;
    const date =
      gold.publishedDate === null
        ? day === null
        : [gold.publishedDate, ...(gold.dateAlternatives ?? [])].includes(day ?? '');
    const byline = bylineRight(meta.byline?.value ?? null, gold.byline);
    titles += Number(title);
    dates += Number(date);
    bylines += Number(byline);
    const mark = (ok: boolean) => (ok ? 'ok' : '--');
    console.log(
      `  ${gold.file.padEnd(16)} title ${mark(title)}  date ${mark(date)} ${meta.publishedAt?.value ?? 'null'} (${meta.publishedAt?.source ?? '-'})  byline ${mark(byline)} ${meta.byline?.value ?? 'null'}`,
    );
    if (!title)
      console.log(`      title got «${meta.title?.value}» (${meta.title?.source}) want «${gold.title}»`);
    for (const conflict of meta.conflicts)
      console.log(`      conflict ${conflict.field}: ${conflict.message}`);
  }
  const n = golds.length;
  console.log(`  title ${titles}/${n}  date ${dates}/${n}  byline ${bylines}/${n}`);
}

function rendered(count: number): void {
  const articles = loadCorpus();
  const step = Math.max(1, Math.floor(articles.length / count));
  const tally = { pages: 0, title: 0, date: 0, byline: 0, bylineExpected: 0 };
  const byLayout = new Map<string, { pages: number; title: number; date: number; byline: number }>();
  const misses: string[] = [];
  for (let index = 0; index < articles.length && tally.pages < count; index += step) {
    const article = articles[index] as CorpusArticle;
    const related = articles.slice(index + 1, index + 6);
    const page = renderArticlePage(article, tally.pages, related);
    const meta = readMetadata(parsePage(page.html), page.url);
    const title = comparable(meta.title?.value) === comparable(page.expected.title);
    const date = (meta.publishedAt?.value.slice(0, 10) ?? null) === page.expected.publishedDate;
    const byline = comparable(meta.byline?.value) === comparable(page.expected.byline);
    tally.pages++;
    tally.title += Number(title);
    tally.date += Number(date);
    tally.byline += Number(byline);
    const layout = byLayout.get(page.layout) ?? { pages: 0, title: 0, date: 0, byline: 0 };
    layout.pages++;
    layout.title += Number(title);
    layout.date += Number(date);
    layout.byline += Number(byline);
    byLayout.set(page.layout, layout);
    if ((!title || !date || !byline) && misses.length < 15) {
      misses.push(
        `  ${page.layout} #${index}: title ${title ? 'ok' : `«${meta.title?.value}» want «${page.expected.title}»`} date ${date ? 'ok' : `${meta.publishedAt?.value} want ${page.expected.publishedDate}`} byline ${byline ? 'ok' : `«${meta.byline?.value}» want «${page.expected.byline}»`}`,
      );
    }
  }
  const share = (hits: number, of: number) => `${((100 * hits) / Math.max(1, of)).toFixed(1)}%`;
  console.log(`\nrendered SaudiNewsNet pages: ${tally.pages}`);
  console.log(
    `  title ${share(tally.title, tally.pages)}  date ${share(tally.date, tally.pages)}  byline ${share(tally.byline, tally.pages)}`,
  );
  for (const [name, layout] of [...byLayout].sort()) {
    console.log(
      `  ${name.padEnd(12)} ${String(layout.pages).padStart(5)} pages: title ${share(layout.title, layout.pages)}  date ${share(layout.date, layout.pages)}  byline ${share(layout.byline, layout.pages)}`,
    );
  }
  if (values.verbose) for (const miss of misses) console.log(miss);
}

function english(): void {
  const dir = join(pagesDir, 'english-benchmark/html');
  const truth = JSON.parse(
    readFileSync(join(pagesDir, 'english-benchmark/ground-truth.json'), 'utf8'),
  ) as Record<string, { url?: string }>;
  let pages = 0;
  let withTitle = 0;
  let withDate = 0;
  let thrown = 0;
  let slowest = 0;
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.html.gz'))
    .sort()) {
    const id = file.replace(/\.html\.gz$/, '');
    const html = gunzipSync(readFileSync(join(dir, file))).toString('utf8');
    const started = performance.now();
    try {
      const meta = readMetadata(parsePage(html), truth[id]?.url);
      pages++;
      withTitle += Number(meta.title !== null);
      withDate += Number(meta.publishedAt !== null);
      if (values.verbose)
        console.log(
          `  ${id.slice(0, 10)} ${meta.title?.source ?? '-'}\t${meta.publishedAt?.value ?? '-'}\t${meta.title?.value.slice(0, 90)}`,
        );
    } catch (error) {
      thrown++;
      console.log(`  ${id}: threw ${String(error)}`);
    }
    slowest = Math.max(slowest, performance.now() - started);
  }
  console.log(
    `\nEnglish benchmark pages: ${pages} read, ${thrown} threw; a title on ${withTitle}, a date on ${withDate}; slowest ${slowest.toFixed(0)} ms (parse and read)`,
  );
}

realArabic();
if (Number(values.rendered) > 0) rendered(Number(values.rendered));
if (values.english) english();
