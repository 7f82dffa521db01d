import { describe, expect, it } from 'vitest';
import { bodyBlocks } from './body.ts';

const shape = (blocks: ReturnType<typeof bodyBlocks>) =>
  blocks.map((block) => (block.kind === 'paragraph' ? block.text : `[${block.item.title}]`));

describe('bodyBlocks', () => {
  it('puts each read-also item after the number of paragraphs it names', () => {
    const blocks = bodyBlocks({
      body: ['p1', 'p2', 'p3'],
      readAlso: [
        { title: 'r3', afterParagraph: 3 },
        { title: 'r1', afterParagraph: 1 },
      ],
    });
    expect(shape(blocks)).toEqual(['p1', '[r1]', 'p2', 'p3', '[r3]']);
  });

  it('places items before the first paragraph, keeps ties in order and closes with items past the end', () => {
    const blocks = bodyBlocks({
      body: ['p1'],
      readAlso: [
        { title: 'a', afterParagraph: 0 },
        { title: 'b', afterParagraph: 0 },
        { title: 'late', afterParagraph: 7 },
      ],
    });
    expect(shape(blocks)).toEqual(['[a]', '[b]', 'p1', '[late]']);
  });
});
