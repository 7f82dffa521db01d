import { type Element, isTag } from 'domhandler';
import { hintWeight } from './content-hints.ts';
import type { PageStats, TextStats } from './text-stats.ts';

/** Elements whose own run of text counts as a paragraph of the page. */
const UNIT_TAGS = new Set([
  'p',
  'pre',
  'td',
  'div',
  'section',
  'article',
  'main',
  'blockquote',
  'dd',
  'font',
  'span',
]);

/** A run shorter than this is a label, a date or a button, not a paragraph. */
const MIN_UNIT_CHARS = 25;

/** The text score from which a box's class or id weighs in full. */
const FULL_HINT_TEXT = 10;

/** How many ancestors a paragraph's score reaches. */
const ANCESTOR_LEVELS = 5;

/**
 * The elements that hold the article, in document order: the best-scored container and the siblings
 * that score nearly as well or read as paragraphs. Empty when nothing on the page reads as an article.
 */
export function chooseContainers(page: PageStats): Element[] {
  const { scores, earned } = scoreCandidates(page);
  let top: Element | null = null;
  let topScore = 0;
  for (const [element, score] of scores) {
    if (score > topScore) {
      top = element;
      topScore = score;
    }
  }
  if (top === null) return [];
  top = climb(sharedAncestor(top, scores) ?? top, scores);
  return withSiblings(top, scores, earned, page.stats);
}

/**
 * Readability's scheme: each paragraph scores its parent fully and its further ancestors less and
 * less, on top of a start from the tag and class; `earned` is the part the text earned.
 */
function scoreCandidates(page: PageStats): { scores: Map<Element, number>; earned: Map<Element, number> } {
  const { stats, order } = page;
  const raw = new Map<Element, number>();
  for (const element of order) {
    if (!UNIT_TAGS.has(element.name)) continue;
    const own = stats.get(element) as TextStats;
    if (own.inlineChars < MIN_UNIT_CHARS) continue;
    const linkShare = own.inlineLinkChars / own.inlineChars;
    const unit = (1 + own.inlineCommas + Math.min(Math.floor(own.inlineChars / 100), 3)) * (1 - linkShare);
    // Loose text beside child blocks is a paragraph of its own inside the element, as if wrapped in a <p>.
    const levels: Element[] = own.hasBlock ? [element] : [];
    for (
      let parent = element.parent;
      parent !== null && isTag(parent) && levels.length <= ANCESTOR_LEVELS;
    ) {
      levels.push(parent);
      parent = parent.parent;
    }
    for (let level = 0; level < levels.length; level++) {
      const ancestor = levels[level] as Element;
      if (!stats.has(ancestor)) continue;
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      raw.set(ancestor, (raw.get(ancestor) ?? 0) + unit / divider);
    }
  }
  const scores = new Map<Element, number>();
  const earned = new Map<Element, number>();
  for (const [element, text] of raw) {
    const own = stats.get(element) as TextStats;
    const keep = 1 - (own.chars === 0 ? 0 : own.linkChars / own.chars);
    // A promising class name counts in full only for a box that holds a few paragraphs' worth of text.
    const hint = hintWeight(own.hint) * Math.min(1, text / FULL_HINT_TEXT);
    scores.set(element, (text + tagScore(element.name) + hint) * keep);
    earned.set(element, text * keep);
  }
  return { scores, earned };
}

function tagScore(name: string): number {
  switch (name) {
    case 'article':
    case 'main':
    case 'div':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

/** How many near-best candidates must share an ancestor for it to be the article (its text split into boxes). */
const SHARED_BY = 3;

/** A candidate scoring at least this share of the best one is its rival. */
const RIVAL_SHARE = 0.5;

/** The nearest ancestor of the top candidate that holds at least three other candidates scoring nearly as well. */
function sharedAncestor(top: Element, scores: Map<Element, number>): Element | null {
  const topScore = scores.get(top) ?? 0;
  const rivals: Element[] = [];
  for (const [element, score] of scores) {
    if (element !== top && score >= topScore * RIVAL_SHARE) rivals.push(element);
  }
  if (rivals.length < SHARED_BY) return null;
  rivals.sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0));
  const ancestorLists = rivals.slice(0, 4).map((rival) => {
    const ancestors = new Set<Element>();
    for (let parent = rival.parent; parent !== null && isTag(parent); parent = parent.parent)
      ancestors.add(parent);
    return ancestors;
  });
  for (
    let parent = top.parent;
    parent !== null && isTag(parent) && parent.name !== 'body';
    parent = parent.parent
  ) {
    const holder = parent;
    if (ancestorLists.filter((ancestors) => ancestors.has(holder)).length >= SHARED_BY) return holder;
  }
  return null;
}

/** Moves up while an ancestor scores better (the article's text split over several boxes) or is a mere wrapper. */
function climb(start: Element, scores: Map<Element, number>): Element {
  let top = start;
  const topScore = scores.get(top) ?? 0;
  let lastScore = topScore;
  const threshold = topScore / 3;
  for (let parent = top.parent; parent !== null && isTag(parent) && parent.name !== 'body'; ) {
    const parentScore = scores.get(parent);
    if (parentScore !== undefined) {
      if (parentScore < threshold) break;
      if (parentScore > lastScore) {
        top = parent;
        break;
      }
      lastScore = parentScore;
    }
    parent = parent.parent;
  }
  for (let parent = top.parent; parent !== null && isTag(parent) && parent.name !== 'body'; ) {
    if (parent.children.filter(isTag).length !== 1) break;
    top = parent;
    parent = parent.parent;
  }
  return top;
}

/** The container and those of its siblings that score well enough or read as paragraphs of the same text. */
function withSiblings(
  top: Element,
  scores: Map<Element, number>,
  earned: Map<Element, number>,
  stats: Map<Element, TextStats>,
): Element[] {
  const parent = top.parent;
  if (parent === null || !isTag(parent)) return [top];
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class ?? '';
  const chosen: Element[] = [];
  for (const sibling of parent.children) {
    if (!isTag(sibling)) continue;
    if (sibling === top) {
      chosen.push(sibling);
      continue;
    }
    const own = stats.get(sibling);
    if (own === undefined) continue;
    const bonus = topClass !== '' && sibling.attribs.class === topClass ? topScore * 0.2 : 0;
    // A sibling is judged by the text it holds, not by a promising class name.
    const score = earned.get(sibling);
    if (score !== undefined && score + bonus >= threshold) {
      chosen.push(sibling);
      continue;
    }
    // A paragraph, or a box with one (an article's lead set apart from its body), reads as the same text.
    const promising = (score ?? 0) >= threshold / 2 || ((score ?? 0) > 0 && hintWeight(own.hint) > 0);
    if ((sibling.name === 'p' || promising) && readsAsParagraph(own)) chosen.push(sibling);
  }
  return chosen;
}

function readsAsParagraph(own: TextStats): boolean {
  if (own.chars === 0) return false;
  const linkDensity = own.linkChars / own.chars;
  if (own.chars > 80) return linkDensity < 0.25;
  return linkDensity === 0 && own.stops > 0;
}
