import { type Document, type Element, isTag, isText } from 'domhandler';
import { BLOCK_TAGS, TABLE_PARTS } from './block-tags.ts';
import { hintOf, isChromeHinted, isNeverText } from './content-hints.ts';

/** What the scorer needs to know of an element's text, computed once, bottom-up. */
export interface TextStats {
  /** Characters of text in the subtree, a whitespace run counting as one. */
  chars: number;
  /** Of those, the characters inside links. */
  linkChars: number;
  /** Commas and semicolons, Latin and Arabic (`,` `،` `;` `؛`). */
  commas: number;
  /** Sentence ends (`.` `?` `؟` `!`). */
  stops: number;
  /** Characters reached without entering a child block: the element's own run of text. */
  inlineChars: number;
  inlineLinkChars: number;
  inlineCommas: number;
  /** Whether a block other than table structure lies inside (a `<p>` in a `<td>`, a `<div>` in a `<li>`). */
  hasBlock: boolean;
  /** The element's class and id, lower-cased. */
  hint: string;
}

/** The tree with chrome pruned: each kept element's stats, and the kept elements in document order. */
export interface PageStats {
  stats: Map<Element, TextStats>;
  /** Kept elements, each before its descendants. */
  order: Element[];
}

/** A box marked as chrome by its class or id is kept when it holds more than this share of the page's text. */
const WRAPPER_SHARE = 0.4;

/**
 * One pass down to prune what is never text and list the elements; one pass up (in reverse) to sum
 * their text; then the boxes marked as chrome by class or id are pruned, unless they hold much of the
 * page's text (a wrapper named after its ads or sidebar), and the sums are taken again without them.
 */
export function measurePage(document: Document): PageStats {
  const all: Element[] = [];
  const hints = new Map<Element, string>();
  const pending: Element[] = [];
  for (let index = document.children.length - 1; index >= 0; index--) {
    const child = document.children[index];
    if (child !== undefined && isTag(child)) pending.push(child);
  }
  while (pending.length > 0) {
    const element = pending.pop() as Element;
    const hint = hintOf(element);
    if (isNeverText(element)) continue;
    hints.set(element, hint);
    all.push(element);
    const { children } = element;
    for (let index = children.length - 1; index >= 0; index--) {
      const child = children[index];
      if (child !== undefined && isTag(child)) pending.push(child);
    }
  }
  const first = sumAll(all, hints);
  let pageChars = 0;
  for (const child of document.children) if (isTag(child)) pageChars += first.get(child)?.chars ?? 0;
  const marked = new Set(
    all.filter((element) => {
      const hint = hints.get(element) ?? '';
      return isChromeHinted(element, hint) && (first.get(element)?.chars ?? 0) <= pageChars * WRAPPER_SHARE;
    }),
  );
  if (marked.size === 0) return { stats: first, order: all };
  const pruned = new Set<Element>();
  const order = all.filter((element) => {
    const parent = element.parent;
    if (marked.has(element) || (parent !== null && isTag(parent) && pruned.has(parent))) {
      pruned.add(element);
      return false;
    }
    return true;
  });
  return { stats: sumAll(order, hints), order };
}

/** The stats of each listed element, summed from its children (the list has each element before its descendants). */
function sumAll(order: Element[], hints: Map<Element, string>): Map<Element, TextStats> {
  const stats = new Map<Element, TextStats>();
  for (let index = order.length - 1; index >= 0; index--) {
    const element = order[index] as Element;
    stats.set(element, sumChildren(element, stats, hints.get(element) ?? ''));
  }
  return stats;
}

function sumChildren(element: Element, stats: Map<Element, TextStats>, hint: string): TextStats {
  const sum: TextStats = {
    chars: 0,
    linkChars: 0,
    commas: 0,
    stops: 0,
    inlineChars: 0,
    inlineLinkChars: 0,
    inlineCommas: 0,
    hasBlock: false,
    hint,
  };
  for (const child of element.children) {
    if (isText(child)) {
      const counted = countText(child.data);
      sum.chars += counted.chars;
      sum.commas += counted.commas;
      sum.stops += counted.stops;
      sum.inlineChars += counted.chars;
      sum.inlineCommas += counted.commas;
      continue;
    }
    if (!isTag(child)) continue;
    const inner = stats.get(child);
    if (inner === undefined) continue;
    sum.chars += inner.chars;
    sum.linkChars += inner.linkChars;
    sum.commas += inner.commas;
    sum.stops += inner.stops;
    const isBlock = BLOCK_TAGS.has(child.name);
    if (inner.hasBlock || (isBlock && !TABLE_PARTS.has(child.name))) sum.hasBlock = true;
    if (!isBlock) {
      sum.inlineChars += inner.inlineChars;
      sum.inlineLinkChars += inner.inlineLinkChars;
      sum.inlineCommas += inner.inlineCommas;
    }
  }
  if (element.name === 'a') {
    sum.linkChars = sum.chars;
    sum.inlineLinkChars = sum.inlineChars;
  }
  return sum;
}

const COMMAS = new Set([0x2c, 0x3b, 0x60c, 0x61b, 0xff0c]);
const STOPS = new Set([0x2e, 0x3f, 0x21, 0x61f, 0x6d4]);

/** Characters (a whitespace run counting as one, none at the edges), commas and sentence ends of a text. */
function countText(data: string): { chars: number; commas: number; stops: number } {
  let chars = 0;
  let commas = 0;
  let stops = 0;
  let pendingSpace = false;
  for (let index = 0; index < data.length; index++) {
    const code = data.charCodeAt(index);
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0) {
      pendingSpace = chars > 0;
      continue;
    }
    if (pendingSpace) {
      chars++;
      pendingSpace = false;
    }
    chars++;
    if (COMMAS.has(code)) commas++;
    else if (STOPS.has(code)) stops++;
  }
  return { chars, commas, stops };
}
