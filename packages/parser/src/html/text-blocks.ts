import type { AnyNode, Document, Element, ParentNode } from 'domhandler';
import { isTag, isText } from 'domhandler';

/**
 * The page as short text blocks in document order, for the readers of metadata that look at what is
 * printed (dates and bylines near the headline). A block is the text of inline content between two
 * block boundaries; it knows the class, id and itemprop words of the elements it sits in.
 */

/** A run of inline text between two block boundaries. */
export interface TextBlock {
  /** The text, whitespace collapsed. */
  text: string;
  /** UTF-16 range in the HTML: from the first text node's start to the last one's end. */
  start: number;
  end: number;
  /** Lower-cased class, id and itemprop values of the elements around the text, up to the body. */
  hints: string;
  /** The name of the block element the text sits in (`p`, `div`, `li`…). */
  tag: string;
  /** Whether the text sits inside a link (teasers of other articles do). */
  inLink: boolean;
  /** Whether the text sits in page chrome: a nav, footer or aside, or a header outside any article. */
  inChrome: boolean;
}

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'select', 'textarea']);
const INLINE = new Set([
  ...['a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'img'],
  ...['ins', 'kbd', 'label', 'br', 'mark', 'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time'],
  ...['u', 'var', 'wbr'],
]);
const CHROME = new Set(['nav', 'footer', 'aside']);
const WHITESPACE = /\s+/g;

// Class and id words of blocks about other things than the article: comments, other articles, widgets.
const OTHER_CONTENT = /comment|reply|related|sidebar|widget|most-?read|popular|trending|ticker|footer|menu/;

/** Whether a block's hints say it is about something else than the article (comments, related lists). */
export function isOtherContent(hints: string): boolean {
  return OTHER_CONTENT.test(hints);
}

/** Collapses whitespace runs and trims. */
export function collapse(text: string): string {
  return text.replace(WHITESPACE, ' ').trim();
}

/** An attribute's value, or null. */
export function attribute(element: Element, name: string): string | null {
  const value = element.attribs[name];
  return value === undefined ? null : value;
}

/** The source range of a node: `endIndex` is the last character, so the end is one past it. */
export function rangeOf(node: AnyNode): { start: number; end: number } {
  const start = node.startIndex ?? 0;
  const end = node.endIndex === null ? start : node.endIndex + 1;
  return { start, end };
}

/** The visible text of a node, whitespace collapsed, scripts and styles left out. */
export function textOf(node: AnyNode): string {
  const parts: string[] = [];
  // Nodes still to read, last first; a string is a separator to add once an element's content is read.
  const pending: (AnyNode | string)[] = [node];
  while (pending.length > 0) {
    const next = pending.pop() as AnyNode | string;
    if (typeof next === 'string') parts.push(next);
    else if (isText(next)) parts.push(next.data);
    else if (isTag(next)) {
      if (SKIPPED.has(next.name)) continue;
      if (next.name === 'br') parts.push(' ');
      if (!INLINE.has(next.name)) pending.push(' ');
      pushChildren(next, pending);
    } else if ('children' in next) pushChildren(next, pending);
  }
  return collapse(parts.join(''));
}

function pushChildren(node: ParentNode, pending: (AnyNode | string)[]): void {
  for (let at = node.children.length - 1; at >= 0; at--) pending.push(node.children[at] as AnyNode);
}

/** Every element of the tree in document order. */
export function elements(root: AnyNode): Element[] {
  const found: Element[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (isTag(node)) found.push(node);
    if ('children' in node)
      for (let at = node.children.length - 1; at >= 0; at--) stack.push(node.children[at] as AnyNode);
  }
  return found;
}

/** Whether the element has an ancestor (or is itself) with one of the names. */
export function within(element: AnyNode, names: ReadonlySet<string>): boolean {
  for (let node: AnyNode | null = element; node !== null; node = node.parent) {
    if (isTag(node) && names.has(node.name)) return true;
  }
  return false;
}

interface WalkState {
  blocks: TextBlock[];
  parts: string[];
  start: number;
  end: number;
  hints: string;
  tag: string;
  inLink: boolean;
  inChrome: boolean;
}

/** What a node inherits from the elements around it. */
interface Surroundings {
  hints: string;
  tag: string;
  inLink: boolean;
  inChrome: boolean;
  inArticle: boolean;
}

/** A node to read and what it inherits, or the end of a block element's content. */
type Visit = { node: AnyNode; around: Surroundings } | typeof BLOCK_END;
const BLOCK_END = null;

/** The text blocks of the document, in order. */
export function textBlocks(document: Document): TextBlock[] {
  const state: WalkState = {
    blocks: [],
    parts: [],
    start: -1,
    end: -1,
    hints: '',
    tag: '',
    inLink: false,
    inChrome: false,
  };
  const top: Surroundings = { hints: '', tag: '', inLink: false, inChrome: false, inArticle: false };
  // A stack rather than recursion: however deep the page, the walk does not run out of call stack.
  const pending: Visit[] = [{ node: document, around: top }];
  while (pending.length > 0) {
    const visit = pending.pop() as Visit;
    if (visit === BLOCK_END) flush(state);
    else visitNode(visit.node, visit.around, state, pending);
  }
  flush(state);
  return state.blocks;
}

function visitNode(node: AnyNode, around: Surroundings, state: WalkState, pending: Visit[]): void {
  if (isText(node)) {
    addText(node.data, node, state, around);
    return;
  }
  if (!isTag(node)) {
    if ('children' in node) visitChildren(node, around, pending);
    return;
  }
  if (SKIPPED.has(node.name)) return;
  const block = !INLINE.has(node.name);
  if (block) flush(state);
  const own = [node.attribs.class, node.attribs.id, node.attribs.itemprop].filter(Boolean).join(' ');
  const inArticle = around.inArticle || node.name === 'article' || node.attribs.itemprop === 'articleBody';
  const inner: Surroundings = {
    hints: own.length > 0 ? `${around.hints} ${own.toLowerCase()}` : around.hints,
    tag: block ? node.name : around.tag,
    inLink: around.inLink || node.name === 'a',
    inChrome: around.inChrome || CHROME.has(node.name) || (node.name === 'header' && !inArticle),
    inArticle,
  };
  if (node.name === 'br') state.parts.push(' ');
  if (block) pending.push(BLOCK_END);
  visitChildren(node, inner, pending);
}

function visitChildren(node: ParentNode, around: Surroundings, pending: Visit[]): void {
  for (let at = node.children.length - 1; at >= 0; at--) {
    pending.push({ node: node.children[at] as AnyNode, around });
  }
}

function addText(data: string, node: AnyNode, state: WalkState, around: Surroundings): void {
  if (data.trim().length === 0) {
    if (state.parts.length > 0) state.parts.push(' ');
    return;
  }
  if (state.parts.length === 0) {
    state.start = node.startIndex ?? 0;
    state.hints = around.hints;
    state.tag = around.tag;
    state.inLink = around.inLink;
    state.inChrome = around.inChrome;
  } else if (around.inLink) state.inLink = true;
  state.parts.push(data);
  state.end = rangeOf(node).end;
}

function flush(state: WalkState): void {
  if (state.parts.length === 0) return;
  const text = collapse(state.parts.join(''));
  state.parts = [];
  if (text.length === 0) return;
  state.blocks.push({
    text,
    start: state.start,
    end: state.end,
    hints: state.hints,
    tag: state.tag,
    inLink: state.inLink,
    inChrome: state.inChrome,
  });
}
