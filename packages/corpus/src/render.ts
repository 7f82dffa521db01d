import {
  APPENDED_MARKERS,
  appendedLines,
  bylineOf,
  chromeLine,
  creditLines,
  dateLine,
  datelineOf,
  keywordsLine,
  publisherOf,
  readAlsoLines,
} from './dump-parts.ts';
import type { CorpusArticle } from './load.ts';
import { Random } from './random.ts';

/**
 * Renders a corpus article in its plainest dump: title, date line, the writer when known, paragraphs
 * with a read-also headline after the second one (the next article's title), the publisher credit.
 * Deterministic: the same articles give the same texts.
 */
export function renderSeedLayout(article: CorpusArticle, next: CorpusArticle | undefined): string {
  const lines = [article.title, `نشر في: ${article.dateExtracted.slice(0, 16)}`];
  if (article.author && article.author.length < 60) lines.push(article.author);
  article.paragraphs.forEach((paragraph, index) => {
    lines.push(paragraph);
    if (index === 1 && next && next.title !== article.title) lines.push('اقرأ أيضاً', next.title);
  });
  lines.push(`المصدر: ${publisherOf(article)}`);
  return `${lines.join('\n')}\n`;
}

/** What one rendered dump holds beyond its title and paragraphs. */
export interface DumpFeatures {
  dateLine: boolean;
  byline: boolean;
  dateline: boolean;
  /** Inline read-also items. */
  readAlso: number;
  chrome: boolean;
  agency: boolean;
  publisher: boolean;
  /** Agency and publisher credits glued onto one line. */
  gluedCredits: boolean;
  /** Words on the keywords line; 0 when there is none. */
  keywordWords: number;
  /** Articles appended after the footer. */
  appended: number;
  bom: boolean;
  crlf: boolean;
}

/** A rendered dump and what it holds. */
export interface RenderedDump {
  text: string;
  features: DumpFeatures;
}

export interface RenderOptions {
  /** Picks every variation; the same seed and articles give the same texts. Default 1. */
  seed?: number;
}

// Other articles are picked from a window around the article, so that rendering stays linear.
function otherArticle(articles: readonly CorpusArticle[], index: number, random: Random): CorpusArticle {
  if (articles.length < 2) return articles[index] as CorpusArticle;
  const offset = random.int(1, Math.min(500, articles.length - 1));
  return articles[(index + offset) % articles.length] as CorpusArticle;
}

/**
 * Renders one article of the list as a dump of the whole input family, at rates close to what crawls
 * hold: a date line in one of seven forms on nine in ten, a byline or a dateline on four in ten, up to
 * three read-also items, an ad or share line now and then, agency and publisher credits (glued on one
 * line half the time both are there), a keywords line on about half (mostly 2–12 words, a few up to 30),
 * and other articles appended after the footer on about half. Headlines, keywords and appended
 * articles come from the article itself and from its neighbours in the list.
 */
export function renderDump(articles: readonly CorpusArticle[], index: number, seed = 1): RenderedDump {
  const article = articles[index] as CorpusArticle;
  const random = new Random(seed * 1_000_003 + index);
  const other = () => otherArticle(articles, index, random);
  const lines = [article.title];
  const date = random.chance(0.9) ? dateLine(article.dateExtracted, random) : null;
  if (date) lines.push(date);
  const heading = random.weighted([60, 28, 12]);
  if (heading === 1) lines.push(bylineOf(article, random));
  const paragraphs = [...article.paragraphs];
  if (heading === 2) paragraphs[0] = `${datelineOf(article, random)}: ${paragraphs[0]}`;

  const readAlsoCount = random.weighted([15, 40, 30, 15]);
  const readAlsoAfter = new Map<number, string>();
  for (let item = 0; item < readAlsoCount; item++) {
    const after = Math.min(
      paragraphs.length,
      1 + Math.floor(((item + 0.5) * paragraphs.length) / readAlsoCount),
    );
    const headline = other().title;
    if (headline !== article.title && !readAlsoAfter.has(after)) readAlsoAfter.set(after, headline);
  }
  const chromeAfter = random.chance(0.12) ? random.int(1, paragraphs.length) : -1;
  paragraphs.forEach((paragraph, at) => {
    lines.push(paragraph);
    if (chromeAfter === at + 1) lines.push(chromeLine(random));
    const headline = readAlsoAfter.get(at + 1);
    if (headline) lines.push(...readAlsoLines(headline, random));
  });

  const credits = creditLines(article, random);
  lines.push(...credits.lines);
  const keywords = random.chance(0.48) ? keywordsLine(article, other, random) : null;
  if (keywords) lines.push(keywords.line);

  let appended = 0;
  if (random.chance(0.5)) {
    const wanted = [1, 2, 3][random.weighted([60, 12, 28])] as number;
    const repeatMarker = random.chance(0.3);
    lines.push(random.pick(APPENDED_MARKERS));
    for (let attempt = 0; appended < wanted && attempt < wanted * 3; attempt++) {
      const block = appendedLines(other(), random);
      if (!block || block[0] === article.title) continue;
      if (appended > 0 && repeatMarker) lines.push(random.pick(APPENDED_MARKERS));
      lines.push(...block);
      appended++;
    }
    // A marker with nothing after it would be a dangling footer line: leave it out.
    if (appended === 0) lines.pop();
  }

  const bom = random.chance(0.02);
  const crlf = random.chance(0.03);
  const text = `${bom ? '\uFEFF' : ''}${lines.join(crlf ? '\r\n' : '\n')}${crlf ? '\r\n' : '\n'}`;
  return {
    text,
    features: {
      dateLine: date !== null,
      byline: heading === 1,
      dateline: heading === 2,
      readAlso: readAlsoAfter.size,
      chrome: chromeAfter > 0,
      agency: credits.agency,
      publisher: credits.publisher,
      gluedCredits: credits.glued,
      keywordWords: keywords?.words ?? 0,
      appended,
      bom,
      crlf,
    },
  };
}

/** Renders the whole list as dumps of the whole family (see `renderDump`), with what each holds. */
export function renderCorpusDumps(
  articles: readonly CorpusArticle[],
  options: RenderOptions = {},
): RenderedDump[] {
  const seed = options.seed ?? 1;
  return articles.map((_, index) => renderDump(articles, index, seed));
}

/** Renders the whole list as dumps of the whole family (see `renderDump`). */
export function renderCorpus(articles: readonly CorpusArticle[], options: RenderOptions = {}): string[] {
  return renderCorpusDumps(articles, options).map((dump) => dump.text);
}

/** Shares of a rendering's documents with each part, and the keywords lines' lengths. */
export interface RenderingSummary {
  documents: number;
  shares: {
    dateLine: number;
    byline: number;
    dateline: number;
    readAlso: number;
    chrome: number;
    agency: number;
    publisher: number;
    gluedCredits: number;
    keywords: number;
    appended: number;
  };
  /** Mean words on a keywords line, and the longest. */
  keywordWords: { mean: number; max: number };
  /** Mean read-also items of a document that has some; mean appended articles of one that has some. */
  readAlsoPerDocument: number;
  appendedPerDocument: number;
}

export function summarizeRendering(features: readonly DumpFeatures[]): RenderingSummary {
  const count = features.length;
  const share = (test: (item: DumpFeatures) => boolean) =>
    count === 0 ? 0 : features.filter(test).length / count;
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
  const keywordCounts = features.map((item) => item.keywordWords).filter((words) => words > 0);
  return {
    documents: count,
    shares: {
      dateLine: share((item) => item.dateLine),
      byline: share((item) => item.byline),
      dateline: share((item) => item.dateline),
      readAlso: share((item) => item.readAlso > 0),
      chrome: share((item) => item.chrome),
      agency: share((item) => item.agency),
      publisher: share((item) => item.publisher),
      gluedCredits: share((item) => item.gluedCredits),
      keywords: share((item) => item.keywordWords > 0),
      appended: share((item) => item.appended > 0),
    },
    keywordWords: { mean: mean(keywordCounts), max: Math.max(0, ...keywordCounts) },
    readAlsoPerDocument: mean(features.map((item) => item.readAlso).filter((items) => items > 0)),
    appendedPerDocument: mean(features.map((item) => item.appended).filter((items) => items > 0)),
  };
}
