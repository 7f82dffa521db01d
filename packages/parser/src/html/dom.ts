import type { Document } from 'domhandler';
import { buildHtmlTree } from './html-tree.ts';

/** A parsed page: its DOM, with each node's source range, and a way from a source offset to its line. */
export interface PageDom {
  document: Document;
  /** The page's length in UTF-16 code units: node ranges of elements left open may run past it. */
  length: number;
  /** The 1-based source line of a UTF-16 offset into the page. */
  lineAt(offset: number): number;
}

/**
 * Parses a page with htmlparser2's tokenizer into a domhandler tree whose nodes carry their source
 * ranges (`startIndex`, `endIndex`), entities decoded (`html-tree.ts`). The parser is forgiving: any
 * string gives a tree, in time linear in its length, at most `MAX_TREE_DEPTH` deep.
 */
export function parsePage(html: string): PageDom {
  const { document } = buildHtmlTree(html);
  return { document, length: html.length, lineAt: lineIndex(html) };
}

/** A lookup from offset to line number, built on first use from the positions of the line feeds. */
function lineIndex(text: string): (offset: number) => number {
  let feeds: number[] | null = null;
  return (offset) => {
    if (feeds === null) {
      feeds = [];
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) feeds.push(at);
    }
    // The number of line feeds before the offset, plus one.
    let low = 0;
    let high = feeds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((feeds[middle] as number) < offset) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
}
