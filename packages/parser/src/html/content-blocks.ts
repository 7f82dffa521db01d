import { type ChildNode, type Element, isTag, isText } from 'domhandler';
import { BLOCK_TAGS } from './block-tags.ts';
import type { ContentBlock } from './content.ts';
import { hintWeight, isInsideChrome } from './content-hints.ts';
import { isDateLine } from './dateline-text.ts';
import type { PageStats, TextStats } from './text-stats.ts';

/** A block as gathered, with what the last checks need: the tag it came from and its share of link text. */
export interface GatheredBlock extends ContentBlock {
  tag: string;
}

type Kind = ContentBlock['kind'];

/** Blocks inside the article that are never its text: the headline's header, forms, photos with captions. */
const LEFT_OUT = new Set(['header', 'form', 'figure', 'fieldset', 'address', 'hgroup', 'details']);

/** More than this share of a block's text in links makes it a list of links, not prose. */
const MAX_LINK_SHARE = 0.5;

/** A box inside the article is dropped for its hints or links only while it holds less than this share of the text. */
const KEEP_SHARE = 0.5;

interface Context {
  element: Element;
  kind: Kind;
  /** How many blocks there were when the element opened. */
  blocksBefore: number;
  /** How many blocks its own runs of text gave (not those of blocks inside it). */
  ownBlocks: number;
  cellsInline: boolean;
}

/** The blocks of text of the chosen containers, in reading order. */
export function gatherBlocks(containers: Element[], page: PageStats): GatheredBlock[] {
  const blocks: GatheredBlock[] = [];
  for (const container of containers) gatherFrom(container, page.stats, blocks);
  return blocks;
}

/** Walks one container (without recursion, so that no nesting depth can overflow the stack). */
function gatherFrom(container: Element, stats: Map<Element, TextStats>, blocks: GatheredBlock[]): void {
  const containerStats = stats.get(container);
  if (containerStats === undefined) return;
  const run = new Run();
  const contexts: Context[] = [];
  const exits = new Set<Element>();
  const pending: ChildNode[] = [container];
  let linkDepth = 0;
  const flush = () => {
    const context = contexts[contexts.length - 1];
    if (context !== undefined) run.flush(context, blocks);
  };
  while (pending.length > 0) {
    const node = pending.pop() as ChildNode;
    if (isText(node)) {
      run.add(node.data, node.startIndex, node.endIndex, linkDepth > 0);
      continue;
    }
    if (!isTag(node)) continue;
    if (exits.has(node)) {
      exits.delete(node);
      if (node.name === 'a') linkDepth--;
      const context = contexts[contexts.length - 1];
      if (context?.element === node) {
        flush();
        contexts.pop();
        widenLoneBlock(context, blocks);
      }
      continue;
    }
    const own = stats.get(node);
    if (own === undefined) continue;
    const name = node.name;
    if (name === 'br' || name === 'hr') {
      flush();
      continue;
    }
    const parentContext = contexts[contexts.length - 1];
    if (parentContext?.cellsInline === true && (name === 'td' || name === 'th')) {
      run.add(' ', null, null, false);
    } else if (BLOCK_TAGS.has(name) || node === container) {
      flush();
      if (node !== container && leftOut(node, own, containerStats)) continue;
      contexts.push(contextOf(node, own, parentContext, blocks.length));
    }
    if (name === 'a') linkDepth++;
    exits.add(node);
    pending.push(node);
    const { children } = node;
    for (let index = children.length - 1; index >= 0; index--) pending.push(children[index] as ChildNode);
  }
}

function contextOf(
  element: Element,
  own: TextStats,
  parent: Context | undefined,
  blocksBefore: number,
): Context {
  const inherited: Kind = parent?.kind ?? 'paragraph';
  const context = (kind: Kind, cellsInline = false): Context => ({
    element,
    kind,
    blocksBefore,
    ownBlocks: 0,
    cellsInline,
  });
  switch (element.name) {
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return context('heading');
    case 'li':
    case 'dd':
    case 'dt':
      return context('list-item');
    case 'blockquote':
      return context('quote');
    case 'pre':
      return context('preformatted');
    case 'figcaption':
    case 'caption':
      return context('caption');
    case 'tr':
      return own.hasBlock ? context(inherited) : context('table-row', true);
    case 'p':
      return context(inherited === 'quote' || inherited === 'list-item' ? inherited : 'paragraph');
    default:
      return context(inherited === 'heading' || inherited === 'table-row' ? 'paragraph' : inherited);
  }
}

/** Whether a box inside the article is chrome: by tag, by class or id, or by being mostly links. */
function leftOut(element: Element, own: TextStats, container: TextStats): boolean {
  if (LEFT_OUT.has(element.name)) return true;
  if (own.chars === 0) return false;
  if (own.chars > container.chars * KEEP_SHARE) return false;
  if (isInsideChrome(own.hint)) return true;
  if (hintWeight(own.hint) < 0 && own.commas < 10) return true;
  const linkShare = own.linkChars / own.chars;
  if (element.name === 'ul' || element.name === 'ol' || element.name === 'dl') return linkShare > 0.3;
  return linkShare > MAX_LINK_SHARE;
}

/**
 * A block element that gave exactly one block, from its own text, gives that block its own source
 * range, when the element's end is known: an element left open is closed by the parser at the end of
 * the input, and its end index then lies past the input, so it must end before its parent or a sibling.
 */
function widenLoneBlock(context: Context, blocks: GatheredBlock[]): void {
  if (context.ownBlocks !== 1 || blocks.length !== context.blocksBefore + 1) return;
  const block = blocks[context.blocksBefore] as GatheredBlock;
  const { element } = context;
  const { startIndex, endIndex } = element;
  if (startIndex === null || endIndex === null || endIndex < startIndex) return;
  if (startIndex > block.start || endIndex + 1 < block.end) return;
  const parentEnd = element.parent?.endIndex ?? null;
  const closedEarlier = element.next !== null || (parentEnd !== null && parentEnd > endIndex);
  if (!closedEarlier) return;
  block.start = startIndex;
  block.end = endIndex + 1;
}

const LETTER = /\p{L}/u;

/** The text gathered since the last block boundary. */
class Run {
  private parts: string[] = [];
  private start = -1;
  private end = -1;
  private chars = 0;
  private linkChars = 0;

  add(data: string, startIndex: number | null, endIndex: number | null, inLink: boolean): void {
    this.parts.push(data);
    if (startIndex !== null && endIndex !== null && endIndex >= startIndex) {
      if (this.start < 0) this.start = startIndex;
      this.end = endIndex + 1;
    }
    const length = data.trim().length;
    this.chars += length;
    if (inLink) this.linkChars += length;
  }

  flush(context: Context, blocks: GatheredBlock[]): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('').replace(/\s+/g, ' ').trim();
    const keep =
      text !== '' &&
      this.start >= 0 &&
      LETTER.test(text) &&
      this.linkChars <= this.chars * MAX_LINK_SHARE &&
      !(context.kind !== 'heading' && isDateLine(text));
    if (keep) {
      context.ownBlocks++;
      blocks.push({ text, start: this.start, end: this.end, kind: context.kind, tag: context.element.name });
    }
    this.parts = [];
    this.start = -1;
    this.end = -1;
    this.chars = 0;
    this.linkChars = 0;
  }
}
