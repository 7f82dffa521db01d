import { type GatheredBlock, gatherBlocks } from './content-blocks.ts';
import { chooseContainers } from './content-score.ts';
import type { PageDom } from './dom.ts';
import { measurePage } from './text-stats.ts';

/** One block of the article's text, in reading order. */
export interface ContentBlock {
  /** The block's text: entities decoded, whitespace runs made one space, trimmed; <br> inside a block splits it into separate blocks. */
  text: string;
  /**
   * Source range (UTF-16 offsets into the HTML, end exclusive) of the element the text came from; when
   * the element gave several blocks (split by `<br>`, or loose text beside child blocks), of the text itself.
   */
  start: number;
  end: number;
  kind: 'paragraph' | 'heading' | 'list-item' | 'quote' | 'preformatted' | 'table-row' | 'caption';
}

/** Options of {@link extractContent}. */
export interface ContentOptions {
  /** The headline, found elsewhere (metadata, `<h1>`): a block that repeats it is left out of the body. */
  title?: string;
}

/** Less body text than this (in characters, headings aside) is not an article: a front page, a list, an error page. */
const MIN_ARTICLE_CHARS = 80;

/**
 * The article's text blocks; `title` (the headline found elsewhere) lets the extractor leave the headline
 * out of the body. [] when the page has no article; an exception is a bug, left to reach `readHtml`.
 */
export function extractContent(dom: PageDom, options: ContentOptions = {}): ContentBlock[] {
  const page = measurePage(dom.document);
  const containers = chooseContainers(page);
  const blocks = withoutHeadline(gatherBlocks(containers, page), options.title);
  let bodyChars = 0;
  for (const block of blocks) if (block.kind !== 'heading') bodyChars += block.text.length;
  if (bodyChars < MIN_ARTICLE_CHARS) return [];
  return blocks.map(({ text, start, end, kind }) => ({ text, start, end, kind }));
}

/** How many blocks at the top may hold the headline. */
const HEADLINE_REACH = 3;

/** Drops the headline repeated at the top of the body: the block equal to the title, or a leading `<h1>`. */
function withoutHeadline(blocks: GatheredBlock[], title: string | undefined): GatheredBlock[] {
  const wanted = title === undefined ? '' : comparable(title);
  const reach = Math.min(HEADLINE_REACH, blocks.length);
  for (let index = 0; index < reach; index++) {
    const block = blocks[index] as GatheredBlock;
    const isHeadline =
      wanted === '' ? index === 0 && block.tag === 'h1' : sameHeadline(comparable(block.text), wanted);
    if (isHeadline) return [...blocks.slice(0, index), ...blocks.slice(index + 1)];
  }
  return blocks;
}

/** A heading and a title are the same headline when one holds the other and is most of it (a site name may follow). */
function sameHeadline(text: string, title: string): boolean {
  if (text === '' || title === '') return false;
  if (text === title) return true;
  const [shorter, longer] = text.length < title.length ? [text, title] : [title, text];
  return longer.includes(shorter) && shorter.length >= longer.length * 0.6;
}

function comparable(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u064B-\u065F\u0670\u0640\u200B-\u200F\u061C]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .toLowerCase();
}
