import type { Article, ReadAlso } from '@khabar/schema';

/** One block of an article's body as the reader sees it. */
export type BodyBlock = { kind: 'paragraph'; text: string } | { kind: 'read-also'; item: ReadAlso };

/**
 * Puts each read-also item back where it stood: after `afterParagraph` paragraphs. Items past the last
 * paragraph close the body; items at the same place keep their order.
 */
export function bodyBlocks(article: Pick<Article, 'body' | 'readAlso'>): BodyBlock[] {
  const waiting = [...article.readAlso].sort((a, b) => a.afterParagraph - b.afterParagraph);
  const blocks: BodyBlock[] = [];
  const placeItemsUpTo = (paragraphs: number) => {
    for (let item = waiting[0]; item && item.afterParagraph <= paragraphs; item = waiting[0]) {
      blocks.push({ kind: 'read-also', item });
      waiting.shift();
    }
  };
  placeItemsUpTo(0);
  article.body.forEach((text, index) => {
    blocks.push({ kind: 'paragraph', text });
    placeItemsUpTo(index + 1);
  });
  placeItemsUpTo(Number.POSITIVE_INFINITY);
  return blocks;
}
