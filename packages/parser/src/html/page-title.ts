import type { Element } from 'domhandler';
import { foldWords } from '../fold.ts';
import type { JsonLdArticle } from './json-ld.ts';
import { type Declared, firstMeta, type PageTags } from './meta-tags.ts';
import type { MetaConflict, MetaSource } from './metadata-types.ts';
import { type SiteIdentity, splitParts, withoutSiteName } from './site-name.ts';
import { attribute, rangeOf, textOf, within } from './text-blocks.ts';

/**
 * The headline as shown. Trust order: a page heading (`<h1>`, or an `<h2>` marked as the headline)
 * that matches what the page declares; then, declared titles without the site's name: og:title,
 * JSON-LD `headline`, twitter:title, `<title>` (a truncated one gives way to a longer one it
 * begins); then, with nothing declared, the heading that looks most like an article's headline.
 * A declared title that disagrees with the heading is kept as a conflict.
 */

export interface ChosenTitle {
  value: string;
  start: number;
  end: number;
  source: MetaSource;
  /** The heading element shown, when the title is one: dates and bylines are looked for after it. */
  element: Element | null;
}

interface Reference {
  value: string;
  start: number;
  end: number;
  source: MetaSource;
}

// A heading must share this much of its words with a declared title to be taken as the headline.
const MATCH = 0.6;
const CONFLICT = 0.5;
const MAX_LENGTH = 400;
const HEADLINE_HINT = /headline|title|heading|entry|article|story|post/;
const CHROME = new Set(['nav', 'footer', 'aside']);
const ARTICLE = new Set(['article', 'main']);
const LINK = new Set(['a']);
const ELLIPSIS = /\s*(?:…|\.\.\.+)\s*$/;

/** Chooses the title and records its conflicts. */
export function chooseTitle(
  tags: PageTags,
  jsonLd: JsonLdArticle | null,
  site: SiteIdentity,
  conflicts: MetaConflict[],
): ChosenTitle | null {
  const references = declaredTitles(tags, jsonLd, site);
  const headings = headingCandidates(tags.headings);
  let best: { element: Element; text: string; score: number } | null = null;
  for (const heading of headings) {
    const score = Math.max(0, ...references.map((reference) => similarity(heading.text, reference.value)));
    if (score >= MATCH && (best === null || score > best.score)) best = { ...heading, score };
  }
  let chosen: ChosenTitle | null = null;
  if (best !== null) {
    chosen = { value: best.text, ...rangeOf(best.element), source: 'h1', element: best.element };
  } else if (references.length > 0) {
    const reference = longestOfTruncated(references);
    const shown = headings.find((heading) => heading.text === reference.value);
    chosen = { ...reference, element: shown?.element ?? null };
  } else {
    const heading = likeliestHeading(headings);
    if (heading !== null)
      chosen = { value: heading.text, ...rangeOf(heading.element), source: 'h1', element: heading.element };
  }
  if (chosen !== null) {
    for (const reference of references) {
      if (reference.source !== 'opengraph' && reference.source !== 'json-ld') continue;
      if (similarity(reference.value, chosen.value) >= CONFLICT) continue;
      conflicts.push({
        field: 'title',
        message: `${reference.source} title «${reference.value}» differs from the ${chosen.source} title «${chosen.value}»`,
        start: reference.start,
      });
    }
  }
  return chosen;
}

function declaredTitles(tags: PageTags, jsonLd: JsonLdArticle | null, site: SiteIdentity): Reference[] {
  const references: Reference[] = [];
  const push = (declared: Declared | null, source: MetaSource) => {
    if (declared === null) return;
    const value = cleanTitle(declared.value, site);
    if (value.length > 0 && value.length <= MAX_LENGTH) references.push({ ...declared, value, source });
  };
  push(firstMeta(tags, ['og:title']), 'opengraph');
  if (jsonLd?.headline) push({ value: jsonLd.headline, start: jsonLd.start, end: jsonLd.end }, 'json-ld');
  push(firstMeta(tags, ['twitter:title', 'itemprop:headline', 'dc.title', 'title']), 'meta');
  push(tags.title, 'title');
  return references;
}

/**
 * A declared title without the site's name; one that still has several parts keeps its long part
 * at one end when all the others are short (names of sections or of a site that declares none:
 * `العنوان - أخبار وتقارير - عبر الإمارات`, `الرائد | العنوان`).
 */
export function cleanTitle(raw: string, site: SiteIdentity): string {
  const { title } = withoutSiteName(raw.replace(/\s+/g, ' ').trim(), site);
  const parts = splitParts(title);
  if (parts.length < 2) return title;
  const long = (part: string) => foldWords(part).length >= 4;
  const short = (part: string) => foldWords(part).length <= 3;
  const head = parts[0] as string;
  const tail = parts[parts.length - 1] as string;
  if (long(head) && parts.slice(1).every(short)) return head;
  if (long(tail) && parts.slice(0, -1).every(short)) return tail;
  return title;
}

/** The `<h1>`s, and `<h2>`s marked as a headline, with their text. */
function headingCandidates(elements: readonly Element[]): { element: Element; text: string }[] {
  const found: { element: Element; text: string }[] = [];
  for (const element of elements) {
    if (element.name === 'h2' && !isMarkedHeadline(element)) continue;
    const text = textOf(element);
    if (text.length === 0 || text.length > MAX_LENGTH || foldWords(text).length === 0) continue;
    found.push({ element, text });
  }
  return found;
}

function isMarkedHeadline(element: Element): boolean {
  const itemprop = attribute(element, 'itemprop') ?? '';
  const hints = `${attribute(element, 'class') ?? ''} ${attribute(element, 'id') ?? ''}`.toLowerCase();
  return itemprop.includes('headline') || HEADLINE_HINT.test(hints);
}

/** With nothing declared: the heading in the article, marked as headline, not in chrome, of several words. */
function likeliestHeading(
  headings: readonly { element: Element; text: string }[],
): { element: Element; text: string } | null {
  let best: { element: Element; text: string } | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const heading of headings) {
    let score = heading.element.name === 'h1' ? 1 : 0;
    if (within(heading.element, ARTICLE)) score += 2;
    if (isMarkedHeadline(heading.element)) score += 2;
    if (within(heading.element, CHROME)) score -= 3;
    if (within(heading.element, LINK)) score -= 1;
    if (foldWords(heading.text).length >= 3) score += 1;
    if (score > bestScore) {
      best = heading;
      bestScore = score;
    }
  }
  return best;
}

/** The first reference, or a later, longer one that it begins (a title cut short, maybe with `…`). */
function longestOfTruncated(references: readonly Reference[]): Reference {
  const first = references[0] as Reference;
  const stem = first.value.replace(ELLIPSIS, '');
  const longer = references.find(
    (reference) =>
      reference.value.length > stem.length + 3 &&
      reference.value.startsWith(stem) &&
      !ELLIPSIS.test(reference.value),
  );
  return longer ?? first;
}

/** Dice coefficient of the two texts' folded word sets. */
export function similarity(left: string, right: string): number {
  const leftWords = new Set(foldWords(left));
  const rightWords = new Set(foldWords(right));
  if (leftWords.size === 0 || rightWords.size === 0) return 0;
  let shared = 0;
  for (const word of leftWords) if (rightWords.has(word)) shared++;
  return (2 * shared) / (leftWords.size + rightWords.size);
}

// A site's name is short: more words than this at the end of a `<title>` are not one.
const MAX_SITE_WORDS = 5;

/**
 * The site's name as `<title>` prints it beside the headline (`مدار 24 | العنوان`, `العنوان - الساحل`):
 * the outermost part at the other end from the parts that make the headline, when it is short.
 */
export function siteBesideHeadline(pageTitle: string, headline: string): string | null {
  const parts = splitParts(pageTitle);
  if (parts.length < 2) return null;
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  const headlineAtStart = similarity(first, headline) >= MATCH;
  const headlineAtEnd = similarity(last, headline) >= MATCH;
  if (headlineAtStart === headlineAtEnd) return null;
  const site = (headlineAtStart ? last : first).replace(/^[«"“]+|[»"”]+$/g, '').trim();
  const words = foldWords(site).length;
  return words > 0 && words <= MAX_SITE_WORDS ? site : null;
}
