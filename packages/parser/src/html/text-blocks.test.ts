import { Document, Element, Text } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { elements, textBlocks, textOf } from './text-blocks.ts';

/** A document of `depth` nested elements around a paragraph, built by hand: deeper than the parser makes trees. */
function nested(depth: number, name: string, paragraph: string): { document: Document; innermost: Element } {
  const text = new Text(paragraph);
  const innermost = new Element('p', {}, [text]);
  text.parent = innermost;
  let node: Element = innermost;
  for (let level = 0; level < depth; level++) {
    const parent: Element = new Element(name, { class: level === 0 ? 'article-body' : 'box' }, [node]);
    node.parent = parent;
    node = parent;
  }
  const document = new Document([node]);
  node.parent = document;
  return { document, innermost };
}

describe('walks over the tree', () => {
  it('read a tree 100,000 elements deep without running out of call stack', () => {
    const { document, innermost } = nested(100_000, 'div', 'خبر عاجل عن الطقس');
    expect(textOf(document)).toBe('خبر عاجل عن الطقس');
    const [block, ...others] = textBlocks(document);
    expect(others).toEqual([]);
    expect(block).toMatchObject({ text: 'خبر عاجل عن الطقس', tag: 'p', inLink: false, inChrome: false });
    expect(block?.hints.endsWith('box article-body')).toBe(true);
    expect(elements(document).at(-1)).toBe(innermost);
  });

  it('keep inline elements inside the block and a block per block element, however deep', () => {
    const { document } = nested(50_000, 'span', 'نص');
    const outer = document.children[0] as Element;
    const after = new Text(' بعده');
    after.parent = outer;
    outer.children.push(after);
    expect(textOf(document)).toBe('نص بعده');
    expect(textBlocks(document).map((block) => block.text)).toEqual(['نص', 'بعده']);
  });
});
