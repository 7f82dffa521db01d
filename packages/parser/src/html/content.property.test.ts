import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ContentBlock, extractContent } from './content.ts';
import { parsePage } from './dom.ts';

const KINDS = ['paragraph', 'heading', 'list-item', 'quote', 'preformatted', 'table-row', 'caption'];

/** What every result must satisfy: ranges inside the input, clean one-line text, a known kind. */
function checkBlocks(input: string, blocks: ContentBlock[]): void {
  for (const block of blocks) {
    expect(block.start).toBeGreaterThanOrEqual(0);
    expect(block.end).toBeGreaterThan(block.start);
    expect(block.end).toBeLessThanOrEqual(input.length);
    expect(block.text).not.toBe('');
    expect(block.text).toBe(block.text.trim());
    expect(block.text).not.toMatch(/\s{2}|[\n\t]/);
    expect(KINDS).toContain(block.kind);
  }
}

const TAGS = [
  'div',
  'p',
  'span',
  'a',
  'article',
  'section',
  'ul',
  'li',
  'h1',
  'h2',
  'blockquote',
  'pre',
  'table',
  'tr',
  'td',
  'br',
  'figure',
  'figcaption',
  'nav',
  'footer',
  'script',
  'b',
];
const ATTRIBUTES = [
  '',
  ' class="content"',
  ' class="share"',
  ' id="main"',
  ' hidden',
  ' aria-hidden="true"',
  ' class="related-news"',
  ' href="/x"',
  ' style="display:none"',
];
const WORDS = [
  'وقال',
  'الوزير،',
  'إن',
  'الخطة',
  'تبدأ',
  'اليوم؛',
  'هل',
  'تنجح؟',
  'the',
  'minister',
  'said,',
  '&amp;',
  '&nbsp;',
  '&#1587;',
  '<',
  '>',
  '"',
  '\n',
  '  ',
];

/** Tag soup: open and close tags of a small grammar in any order, with attributes and text between them. */
const tagSoup = fc
  .array(
    fc.oneof(
      fc
        .tuple(fc.constantFrom(...TAGS), fc.constantFrom(...ATTRIBUTES))
        .map(([tag, attribute]) => `<${tag}${attribute}>`),
      fc.constantFrom(...TAGS).map((tag) => `</${tag}>`),
      fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 40 }).map((words) => words.join(' ')),
      fc.constantFrom(
        '<!-- note -->',
        '<![CDATA[x]]>',
        '<!doctype html>',
        '<p',
        '</',
        '<br/>',
        '<img src=x>',
      ),
    ),
    { maxLength: 80 },
  )
  .map((pieces) => pieces.join(''));

describe('extractContent never throws', () => {
  it('on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (input) => {
        checkBlocks(input, extractContent(parsePage(input)));
      }),
      { numRuns: 300 },
    );
  });

  it('on tag soups, with ranges inside the input', () => {
    fc.assert(
      fc.property(tagSoup, fc.option(fc.string({ maxLength: 30 }), { nil: undefined }), (input, title) => {
        const blocks = extractContent(parsePage(input), title === undefined ? {} : { title });
        checkBlocks(input, blocks);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps ranges inside the input when tag soup surrounds a long paragraph', () => {
    const paragraph = `<p>${'وقال الوزير، إن الخطة تبدأ اليوم؛ وتستمر عامين. '.repeat(6)}</p>`;
    fc.assert(
      fc.property(tagSoup, tagSoup, (before, after) => {
        const input = `${before}${paragraph}${after}`;
        const blocks = extractContent(parsePage(input));
        checkBlocks(input, blocks);
      }),
      { numRuns: 200 },
    );
  });
});
