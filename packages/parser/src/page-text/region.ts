import { readByline } from '../byline.ts';
import { isChrome } from '../chrome.ts';
import { foldWords } from '../fold.ts';
import { isFooterLine } from '../footer.ts';
import type { Line } from '../lines.ts';
import { readDateLine } from '../published-date-line.ts';
import { readAlsoMarker } from '../read-also.ts';
import { findHeadline, type HeadlineContext, isTitleShaped } from './headline.ts';
import { type LineFeatures, lineFeatures } from './line-features.ts';
import { firstTextLine, isSeedLayout, readsAsParagraph } from './seed-layout.ts';

/** Where the article sits in a full-page dump, as indices into `lines`. */
export interface PageRegion {
  /** The headline line. */
  title: number;
  /** Lines between the headline and the body to read with the header rules (the publication date line, the byline), in order. */
  header: number[];
  /** First and one-past-last line of the article's own text: body paragraphs, inline read-also, and the article's own footer (credits `المصدر…`, keywords `كلمات دلالية…`) when they follow it. */
  bodyStart: number;
  bodyEnd: number;
}

// A full page has menus, a header and a footer around the article: fewer lines is a plain dump.
const MIN_PAGE_LINES = 10;
// Paragraphs of one article may be parted by a caption, a related headline or a prompt or two.
const MAX_GAP = 3;
// An article has at least this many words of paragraphs.
const MIN_BODY_WORDS = 12;
// A picture, its caption and a share bar may part the headline from the body at no cost; each line
// more lowers the odds that the run is the headline's body.
const CLOSE_GAP = 4;
const GAP_SCALE = 10;
// The headline stands at most this many lines above the body (a most-read list may come between).
const HEADER_WINDOW = 25;
// A date line may stand this many lines above the headline (`date, then headline`).
const DATE_ABOVE = 3;
// Runs of prose weighed as candidates, largest first.
const MAX_CANDIDATES = 6;
// A footer line (credits, keywords) may follow the last paragraph after this many other lines.
const FOOTER_REACH = 3;
const UPDATE_WORDS = new Set(['تحديث', 'التحديث', 'محدث', 'محدثه', 'updated', 'update']);
const PUBLISH_WORDS = new Set(['نشر', 'النشر', 'نشرت', 'بتاريخ', 'published', 'posted']);
// How far from the headline or from the body's start the byline may stand.
const BYLINE_REACH = 3;
// Labels whose value on the next line names the writer.
const WRITER_LABEL = /^(?:كتب|كتبت|بقلم|الكاتب|اعداد|تحرير|by)$/;

/** A run of paragraphs: `start` to `end` (exclusive) around its prose lines, and its words of prose. */
interface Run {
  start: number;
  end: number;
  words: number;
}

/** A run with its headline and header, scored. */
interface Candidate extends PageRegion {
  score: number;
}

/**
 * The article region of a full-page dump; null when the text is already in the seed layout (its first
 * text line is the title), which must then parse exactly as today, or when no article is found.
 */
export function findArticleRegion(lines: readonly Line[]): PageRegion | null {
  if (lines.length < MIN_PAGE_LINES || isSeedLayout(lines)) return null;
  const page = new Page(lines);
  const runs = proseRuns(page.features)
    .filter((run) => run.words >= MIN_BODY_WORDS)
    .sort((left, right) => right.words - left.words)
    .slice(0, MAX_CANDIDATES);
  let best: Candidate | null = null;
  for (const run of runs) {
    const candidate = page.candidate(run);
    if (candidate !== null && (best === null || candidate.score > best.score)) best = candidate;
  }
  if (best === null) return null;
  const { title, header, bodyStart, bodyEnd } = best;
  const first = firstTextLine(lines);
  // The article opens the text after all: the seed layout with header lines of its own.
  if (title === first) return null;
  // The run found is an article appended after the footer of the one the first line opens.
  if (afterFooter(lines, first, title)) return null;
  return { title, header, bodyStart, bodyEnd };
}

/**
 * Whether the headline found opens an article appended to a seed-layout dump: the footer of the
 * article the first line opens (its credits or keywords line) and then the marker of appended
 * articles (`إقرأ أيضاً:` alone) stand between them. A page's own article comes before its footer.
 */
function afterFooter(lines: readonly Line[], first: number, title: number): boolean {
  let footer = false;
  for (let index = first + 1; index < title; index++) {
    const { text } = lines[index] as Line;
    if (isFooterLine(text)) footer = true;
    else if (footer && readAlsoMarker(text)?.kind === 'marker') return true;
  }
  return false;
}

/** Runs of prose lines, each gap between two of them at most `MAX_GAP` lines. */
function proseRuns(features: readonly LineFeatures[]): Run[] {
  const runs: Run[] = [];
  let current: Run | null = null;
  for (let index = 0; index < features.length; index++) {
    const line = features[index] as LineFeatures;
    if (!line.prose) continue;
    if (current !== null && index - current.end <= MAX_GAP) {
      current.end = index + 1;
      current.words += line.words;
    } else {
      current = { start: index, end: index + 1, words: line.words };
      runs.push(current);
    }
  }
  return runs;
}

/** The lines of a page with what is known of each, date lines read once. */
class Page implements HeadlineContext {
  readonly lines: readonly Line[];
  readonly features: readonly LineFeatures[];
  private readonly dates = new Map<number, boolean>();

  constructor(lines: readonly Line[]) {
    this.lines = lines;
    this.features = lines.map(lineFeatures);
  }

  isDate = (index: number): boolean => {
    const line = this.lines[index];
    if (line === undefined) return false;
    let known = this.dates.get(index);
    if (known === undefined) {
      known = readDateLine(line.text)?.iso != null;
      this.dates.set(index, known);
    }
    return known;
  };

  isNotTitle = (index: number): boolean => {
    const { text } = this.lines[index] as Line;
    return isChrome(text) || readByline(text) !== null || readAlsoMarker(text) !== null || isFooterLine(text);
  };

  /** The region around a run of paragraphs: its headline, header and body, and how likely it is the article. */
  candidate(run: Run): Candidate | null {
    const from = Math.max(0, run.start - HEADER_WINDOW);
    const headline = findHeadline(this, from, run.start, run.start, run.end);
    if (headline === null) return null;
    const date = this.dateLine(headline.index, run.start);
    const byline = this.bylineLine(headline.index, run.start);
    const header = [date, byline].filter((index): index is number => index !== null).sort((a, b) => a - b);
    const bodyStart = this.extendStart(run.start, Math.max(headline.index, ...header));
    const bodyEnd = this.extendEnd(run.end);
    // Lines between the headline and the body that are no part of the header: a list, a form, a menu.
    const gap = Math.max(0, run.start - headline.index - header.length - CLOSE_GAP);
    const score =
      (run.words * (1 + (date === null ? 0 : 1) + Math.min(headline.score, 1.5) * 0.5)) /
      (1 + gap / GAP_SCALE);
    return { title: headline.index, header, bodyStart, bodyEnd, score };
  }

  /** The date line next to the headline: below it first, then above; a publication date over an update. */
  private dateLine(headline: number, bodyStart: number): number | null {
    let best: number | null = null;
    let bestRank = Number.POSITIVE_INFINITY;
    for (let index = Math.max(0, headline - DATE_ABOVE); index < bodyStart; index++) {
      if (index === headline || !this.isDate(index)) continue;
      const distance = index > headline ? index - headline : headline - index + 0.5;
      const rank = distance + (this.isUpdateOnly(index) ? HEADER_WINDOW : 0);
      if (rank < bestRank) {
        best = index;
        bestRank = rank;
      }
    }
    return best;
  }

  private isUpdateOnly(index: number): boolean {
    const words = foldWords((this.lines[index] as Line).text.slice(0, 40));
    return words.some((word) => UPDATE_WORDS.has(word)) && !words.some((word) => PUBLISH_WORDS.has(word));
  }

  /** The writer line between the headline and the body, unless it is the value of another label (`المصدر:`). */
  private bylineLine(headline: number, bodyStart: number): number | null {
    for (let index = headline + 1; index < bodyStart; index++) {
      // A writer line stands by the headline or at the body's start, not among what lies between.
      if (index > headline + BYLINE_REACH && index < bodyStart - BYLINE_REACH) continue;
      const { text } = this.lines[index] as Line;
      if (this.isDate(index) || readByline(text) === null) continue;
      const previous = this.features[index - 1] as LineFeatures;
      if (previous.endsColon && !this.isWriterLabel(index - 1)) continue;
      return index;
    }
    return null;
  }

  private isWriterLabel(index: number): boolean {
    const words = foldWords((this.lines[index] as Line).text);
    return words.length === 1 && WRITER_LABEL.test(words[0] as string);
  }

  /** Takes in a shorter first paragraph right above the run (a one-sentence lead). */
  private extendStart(start: number, floor: number): number {
    let index = start;
    while (index - 1 > floor && this.isShortParagraph(index - 1)) index--;
    return index;
  }

  /** Takes in a shorter last paragraph, and the article's credits or keywords when they come right after. */
  private extendEnd(end: number): number {
    let index = end;
    if (index < this.lines.length && this.isShortParagraph(index)) index++;
    for (let ahead = index; ahead < Math.min(this.lines.length, index + FOOTER_REACH); ahead++) {
      const { text } = this.lines[ahead] as Line;
      if (isFooterLine(text)) index = ahead + 1;
    }
    return index;
  }

  private isShortParagraph(index: number): boolean {
    const features = this.features[index] as LineFeatures;
    if (!readsAsParagraph(features) || this.isDate(index)) return false;
    const line = this.lines[index] as Line;
    return !isTitleShaped(line, features) || features.endsSentence;
  }
}
