import type { AnyNode, Document } from 'domhandler';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { buildHtmlTree, MAX_TREE_DEPTH } from './html-tree.ts';

/** htmlparser2's own tree with the options `parsePage` used before it built its own. */
function reference(html: string): Document {
  return parseDocument(html, {
    withStartIndices: true,
    withEndIndices: true,
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  });
}

/** Every node as one line (depth, type, name, attributes, data, range, siblings' starts), in document order. */
function describeTree(root: AnyNode): string[] {
  const lines: string[] = [];
  const pending: [AnyNode, number][] = [[root, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop() as [AnyNode, number];
    const name = 'name' in node ? node.name : '';
    const attributes = 'attribs' in node ? JSON.stringify(Object.entries(node.attribs)) : '';
    const data = 'data' in node ? JSON.stringify(node.data) : '';
    const siblings = `${node.prev?.startIndex ?? '-'}/${node.next?.startIndex ?? '-'}`;
    lines.push(
      `${depth} ${node.type} ${name} ${attributes} ${data} ${node.startIndex}-${node.endIndex} ${siblings}`,
    );
    if ('children' in node) {
      for (let at = node.children.length - 1; at >= 0; at--)
        pending.push([node.children[at] as AnyNode, depth + 1]);
    }
  }
  return lines;
}

function depthOf(root: AnyNode): number {
  let deepest = 0;
  const pending: [AnyNode, number][] = [[root, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop() as [AnyNode, number];
    deepest = Math.max(deepest, depth);
    if ('children' in node) for (const child of node.children) pending.push([child, depth + 1]);
  }
  return deepest;
}

/** The text nodes' data in document order. */
function textIn(root: AnyNode): string {
  let text = '';
  const pending: AnyNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as AnyNode;
    if (node.type === 'text') text += node.data;
    if ('children' in node)
      for (let at = node.children.length - 1; at >= 0; at--) pending.push(node.children[at] as AnyNode);
  }
  return text;
}

// Markup that exercises every tree rule: tags that close others, void and self-closing tags, end tags
// without a start, nested forms, SVG and MathML with their integration points, raw text, entities,
// repeated and upper-case attributes, comments, CDATA, declarations, and input stopping anywhere.
const names = fc.constantFrom(
  ...['p', 'div', 'span', 'b', 'a', 'li', 'ul', 'dd', 'dt', 'h1', 'h2', 'table', 'tbody', 'thead', 'tfoot'],
  ...['tr', 'td', 'th', 'form', 'select', 'option', 'optgroup', 'input', 'button', 'textarea', 'br', 'img'],
  ...['hr', 'meta', 'body', 'head', 'html', 'script', 'style', 'title', 'svg', 'math', 'mi', 'desc'],
  ...['foreignObject', 'clipPath', 'clippath', 'image', 'IMAGE', 'DIV', 'rt', 'rp', 'xmp', 'iframe'],
);
const attribute = fc.constantFrom(
  '',
  ' class="a"',
  ' CLASS=b class=c',
  ' href="/x?a=1&amp;b=2"',
  " data-x='&lt;q&gt;'",
  ' hidden',
  ' id=x id=y',
);
const token = fc.oneof(
  fc.tuple(names, attribute).map(([name, attrs]) => `<${name}${attrs}>`),
  fc.tuple(names, attribute).map(([name, attrs]) => `<${name}${attrs}/>`),
  names.map((name) => `</${name}>`),
  fc.constantFrom(
    'نص',
    ' text ',
    '&amp;&nbsp;&#x627;&#1576;&bogus;',
    '\n',
    '<!-- note -->',
    '<!---->',
    '<![CDATA[x<y]]>',
    '<!doctype html>',
    '<?xml version="1.0"?>',
    '</ p>',
    '< p>',
    '<',
    '</>',
    '<!-- never closed',
    '<a href="unfinished',
  ),
);

describe('buildHtmlTree', () => {
  it("gives htmlparser2's tree, node for node and range for range, on tag soup", () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
        const html = tokens.join('');
        expect(describeTree(buildHtmlTree(html).document)).toEqual(describeTree(reference(html)));
      }),
      { numRuns: 1000 },
    );
  });

  it("gives htmlparser2's tree up to the depth limit", () => {
    // html, body, the boxes and the paragraph: the deepest element sits at the limit, its text below it.
    const depth = MAX_TREE_DEPTH - 3;
    const html = `<html><body>${'<div class="box">'.repeat(depth)}<p>نص</p>${'</div>'.repeat(depth)}</body></html>`;
    const tree = buildHtmlTree(html);
    expect(tree.flattened).toBe(0);
    expect(describeTree(tree.document)).toEqual(describeTree(reference(html)));
  });

  it('reads 200,000 unclosed elements and stray end tags with work in proportion to the tags', () => {
    const count = 200_000;
    const html = `<html><body>${'<div class="a">'.repeat(count)}<p>أول</p><p>ثان</p>${'</span>'.repeat(count)}</body></html>`;
    const tree = buildHtmlTree(html);
    // Each open element is closed once; a stray end tag costs nothing more than its lookup.
    expect(tree.stackSteps).toBeLessThanOrEqual(count + 4);
    expect(depthOf(tree.document)).toBeLessThanOrEqual(MAX_TREE_DEPTH + 1);
    expect(tree.flattened).toBeGreaterThan(0);
    expect(textIn(tree.document)).toBe('أولثان');
  });

  it('reads 210,000 nested table elements, the text staying in the innermost cell', () => {
    const count = 70_000;
    const html = `<table><tr><td>${'<table><tr><td>'.repeat(count)}خبر${'</td></tr></table>'.repeat(count)}</td></tr></table>`;
    const tree = buildHtmlTree(html);
    expect(tree.stackSteps).toBeLessThanOrEqual(3 * (count + 1) + 1);
    expect(depthOf(tree.document)).toBeLessThanOrEqual(MAX_TREE_DEPTH + 1);
    expect(textIn(tree.document)).toBe('خبر');
  });

  it('keeps text in reading order past the depth limit, elements beside their parent', () => {
    const html = `${'<div>'.repeat(MAX_TREE_DEPTH + 10)}<p>أ<b>ب<i>ج</i>د</b>ه</p><p>و</p>`;
    const tree = buildHtmlTree(html);
    expect(depthOf(tree.document)).toBeLessThanOrEqual(MAX_TREE_DEPTH + 1);
    expect(textIn(tree.document)).toBe('أبجدهو');
  });
});
