import { parseDate } from '@khabar/arabic';
import { daysApart, hasZone, readDeclaredDate } from './declared-date.ts';
import type { JsonLdArticle } from './json-ld.ts';
import type { PageTags } from './meta-tags.ts';
import type { Located, MetaConflict, MetaSource } from './metadata-types.ts';
import { dayFromUrl } from './page-url.ts';
import { attribute, isOtherContent, rangeOf, type TextBlock, textOf, within } from './text-blocks.ts';

/**
 * Publication and modification dates. Trust order for `publishedAt`:
 * 1. the declared publication date: JSON-LD `datePublished`, then the meta tags
 *    (`article:published_time`, `itemprop=datePublished`, `pubdate`, `parsely-pub-date`, `sailthru.date`,
 *    `DC.date`…), then a `<time>` marked `pubdate` or `datePublished`;
 * 2. the publication date printed near the headline (`الإثنين، 24 أغسطس 2020 09:23 ص`, `التاريخ: 03 يونيو 2020`).
 *    It is what readers see, in the page's own zone, while declared dates are often in UTC: when the two
 *    are a day apart, the printed one wins; further apart, the declared one wins unless the URL's day
 *    sides with the printed one. Either way the disagreement is kept as a conflict;
 * 3. an unmarked `<time datetime>` near the headline; 4. the day in the URL (`/2020/8/24/`);
 * 5. a printed update date (`آخر تحديث`), the last resort.
 * `modifiedAt`: JSON-LD `dateModified`, the modification meta tags, a `<time>` marked so, a printed update date.
 */

export interface DateContext {
  tags: PageTags;
  jsonLd: JsonLdArticle | null;
  blocks: readonly TextBlock[];
  /** The index of the first block after the headline, or null when no headline element is known. */
  anchor: number | null;
  url: { value: string; start: number; end: number } | null;
}

interface Candidate {
  iso: string;
  start: number;
  end: number;
  source: MetaSource;
  label: string;
}

interface Scored extends Candidate {
  score: number;
  modified: boolean;
}

const PUBLISHED_KEYS = [
  ...['article:published_time', 'og:published_time', 'article:published', 'itemprop:datepublished'],
  ...['datepublished', 'publish-date', 'publishdate', 'publish_date', 'pubdate', 'publication_date'],
  ...['parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date'],
  ...['dc.date.created', 'dcterms.created', 'citation_publication_date', 'date', 'itemprop:datecreated'],
  ...['article.published', 'published_time', 'original-publish-date', 'cxenseparse:recs:publishtime'],
];
const MODIFIED_KEYS = [
  ...['article:modified_time', 'og:updated_time', 'article:updated_time', 'itemprop:datemodified'],
  ...['datemodified', 'lastmod', 'last-modified', 'dc.date.modified', 'dcterms.modified', 'modified'],
];
const UPDATE_WORDS = /(?:آخر|اخر)\s*(?:تحديث|تعديل)|تحديث|محدث|حدّث|updated|modified|last edit/i;
const PUBLISH_WORDS = /نشر|تاريخ|published|posted|release/i;
const DATE_HINT = /date|time|publish|posted|stamp|tarikh|tareekh|byline|meta/;
const UPDATE_HINT = /updat|modif|edited|-upd/;
const MAX_BLOCK = 200;
const MAX_OTHER_WORDS = 8;
const WINDOW_BEFORE = 4;
const WINDOW_AFTER = 30;
const MAX_DATES_PER_BLOCK = 3;
const LINK = new Set(['a']);
const CHROME = new Set(['nav', 'footer', 'aside']);

/** The publication date (with where it came from) and the modification date. */
export function chooseDates(
  context: DateContext,
  conflicts: MetaConflict[],
): { publishedAt: Located<string> | null; modifiedAt: string | null } {
  const printed = printedDates(context);
  const times = timeDates(context);
  const declared = declaredPublished(context, times);
  const printedPublished = best(printed.filter((candidate) => !candidate.modified));
  const printedModified = best(printed.filter((candidate) => candidate.modified));
  const primary = declared[0] ?? null;
  for (const other of declared.slice(1)) {
    if (primary === null || other.iso.slice(0, 10) === primary.iso.slice(0, 10)) continue;
    conflicts.push(disagreement(primary, other));
  }
  const urlDay = dayFromUrl(context.url?.value ?? null);
  let chosen: Candidate | null = primary;
  if (
    primary !== null &&
    printedPublished !== null &&
    primary.iso.slice(0, 10) !== printedPublished.iso.slice(0, 10)
  ) {
    const apart = daysApart(primary.iso, printedPublished.iso);
    const printedWins = apart <= 1 || urlDay === printedPublished.iso.slice(0, 10);
    chosen = printedWins ? printedPublished : primary;
    conflicts.push(
      disagreement(chosen, printedWins ? primary : printedPublished, printedWins && hasZone(primary.iso)),
    );
  }
  chosen ??=
    printedPublished ??
    best(times.filter((candidate) => !candidate.modified && candidate.score > 0)) ??
    urlCandidate(context, urlDay) ??
    printedModified;
  const modifiedAt =
    readOptional(context.jsonLd?.dateModified) ??
    firstDeclared(context.tags, MODIFIED_KEYS)?.iso ??
    best(times.filter((candidate) => candidate.modified))?.iso ??
    printedModified?.iso ??
    null;
  const publishedAt =
    chosen === null
      ? null
      : { value: chosen.iso, start: chosen.start, end: chosen.end, source: chosen.source };
  return { publishedAt, modifiedAt };
}

function disagreement(kept: Candidate, other: Candidate, zoneShift = false): MetaConflict {
  const why = zoneShift
    ? ' (the declared date names a zone; the printed day is taken as the page’s own)'
    : '';
  return {
    field: 'publishedAt',
    message: `${other.label} ${other.iso} and ${kept.label} ${kept.iso} give different days; kept ${kept.label}${why}`,
    start: other.start,
  };
}

function readOptional(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : readDeclaredDate(value);
}

/** Declared publication dates in trust order: JSON-LD, meta tags by key, marked `<time>`s. */
function declaredPublished(context: DateContext, times: readonly Scored[]): Candidate[] {
  const found: Candidate[] = [];
  const { jsonLd } = context;
  const fromJsonLd = readOptional(jsonLd?.datePublished);
  if (jsonLd !== null && fromJsonLd !== null) {
    found.push({
      iso: fromJsonLd,
      start: jsonLd.start,
      end: jsonLd.end,
      source: 'json-ld',
      label: 'JSON-LD datePublished',
    });
  }
  const meta = firstDeclared(context.tags, PUBLISHED_KEYS);
  if (meta !== null) found.push(meta);
  const marked = best(times.filter((candidate) => !candidate.modified && candidate.label.includes('marked')));
  if (marked !== null) found.push(marked);
  return found;
}

function firstDeclared(tags: PageTags, keys: readonly string[]): Candidate | null {
  for (const key of keys) {
    for (const declared of tags.meta.get(key) ?? []) {
      const iso = readDeclaredDate(declared.value);
      if (iso === null) continue;
      const source: MetaSource = key.startsWith('article:') || key.startsWith('og:') ? 'opengraph' : 'meta';
      return { iso, start: declared.start, end: declared.end, source, label: `meta ${key}` };
    }
  }
  return null;
}

/** `<time>` elements with a readable date, scored by their marks and their nearness to the headline. */
function timeDates(context: DateContext): Scored[] {
  const found: Scored[] = [];
  for (const element of context.tags.times) {
    if (within(element, LINK)) continue;
    const raw = attribute(element, 'datetime') ?? attribute(element, 'content') ?? textOf(element);
    const iso = readDeclaredDate(raw);
    if (iso === null) continue;
    const marks =
      `${attribute(element, 'itemprop') ?? ''} ${attribute(element, 'class') ?? ''}`.toLowerCase();
    const modified = marks.includes('datemodified') || UPDATE_HINT.test(marks);
    const published = 'pubdate' in element.attribs || /datepublished|publish/.test(marks);
    let score = nearness(context, rangeOf(element).start);
    if (published) score += 5;
    if (within(element, CHROME)) score -= 5;
    const label = published ? '<time> marked as published' : '<time>';
    found.push({ iso, ...rangeOf(element), source: 'time', label, score, modified });
  }
  return found;
}

/** Dates printed in short blocks near the headline or in blocks whose class or id says date or time. */
function printedDates(context: DateContext): Scored[] {
  const found: Scored[] = [];
  context.blocks.forEach((block, index) => {
    if (block.inLink || block.text.length > MAX_BLOCK || isOtherContent(block.hints)) return;
    const near = nearnessOfBlock(context, index);
    const hinted = DATE_HINT.test(block.hints);
    if (near <= 0 && !hinted) return;
    let score = near + (hinted ? 3 : 0) - (block.inChrome ? 6 : 0);
    if (PUBLISH_WORDS.test(block.text)) score += 1;
    // A paragraph is text: one that holds a date is about that date, unless its class says date.
    if (block.tag === 'p' && !hinted) score -= 6;
    if (score <= 0) return;
    for (const date of datesIn(block, hinted)) found.push({ ...date, score });
  });
  return found;
}

/** The dates of a block that is about a date (not a sentence that mentions one), classified. */
function datesIn(block: TextBlock, hinted: boolean): Omit<Scored, 'score'>[] {
  const dates: { iso: string; start: number; end: number }[] = [];
  let offset = 0;
  while (dates.length < MAX_DATES_PER_BLOCK && offset < block.text.length) {
    const found = parseDate(block.text.slice(offset));
    if (found === null || found.relative) break;
    dates.push({ iso: found.iso, start: offset + found.start, end: offset + found.end });
    offset += found.end;
  }
  if (dates.length === 0) return [];
  let other = block.text;
  for (const date of dates) other = other.replace(block.text.slice(date.start, date.end), ' ');
  if (!hinted && other.split(/\s+/).filter((word) => /[\p{L}]{2}/u.test(word)).length > MAX_OTHER_WORDS)
    return [];
  const updateBlock = UPDATE_HINT.test(block.hints);
  return dates.map((date, index) => {
    const before = block.text.slice(index === 0 ? 0 : (dates[index - 1]?.end ?? 0), date.start);
    const after = block.text.slice(date.end);
    const labelledUpdate = UPDATE_WORDS.test(before);
    const stampedUpdate =
      index === dates.length - 1 && UPDATE_WORDS.test(after) && !PUBLISH_WORDS.test(before);
    const modified = labelledUpdate || stampedUpdate || updateBlock;
    return {
      iso: date.iso,
      start: block.start,
      end: block.end,
      source: 'printed' as const,
      label: modified ? 'the printed update date' : 'the printed date',
      modified,
    };
  });
}

/** How near a block is to the headline: high just after it, lower just before, 0 elsewhere. */
function nearnessOfBlock(context: DateContext, index: number): number {
  if (context.anchor === null) return 0;
  const distance = index - context.anchor;
  if (distance >= 0 && distance < WINDOW_AFTER) return 10 - 0.2 * distance;
  if (distance < 0 && -distance <= WINDOW_BEFORE) return 5 + distance;
  return 0;
}

function nearness(context: DateContext, offset: number): number {
  return nearnessOfBlock(context, blockAt(context.blocks, offset));
}

/** The index of the first block that starts at or after the offset. */
export function blockAt(blocks: readonly TextBlock[], offset: number): number {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((blocks[middle] as TextBlock).start < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

function best<T extends Scored>(candidates: readonly T[]): T | null {
  let chosen: T | null = null;
  for (const candidate of candidates)
    if (chosen === null || candidate.score > chosen.score) chosen = candidate;
  return chosen;
}

function urlCandidate(context: DateContext, day: string | null): Candidate | null {
  if (day === null || context.url === null) return null;
  return {
    iso: `${day}T00:00:00`,
    start: context.url.start,
    end: context.url.end,
    source: 'url',
    label: 'the URL',
  };
}
