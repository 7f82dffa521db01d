import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyParagraph } from './doc-paragraph.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

// Texts with what JSON escapes (quotes, backslashes, controls), Arabic, emoji and the brackets and
// separators the scan steps over.
const text = fc.string({
  unit: fc.constantFrom(
    'ا',
    'ب',
    'ة',
    ' ',
    '"',
    '\\',
    '\n',
    '\t',
    '\u0001',
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    'a',
    '😀',
    '\u2028',
  ),
  maxLength: 40,
});
const scalar = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
// Values that may hold a "body" of their own, which is not the document's.
const nested = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom('body', 'title', 'x'), tie('value'), { maxKeys: 3 }),
})).value;
const body = fc.array(fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: nested }), {
  maxLength: 6,
});
const doc = fc
  .record({
    before: fc.dictionary(fc.constantFrom('id', 'title', 'related', 'source', 'bodies'), nested, {
      maxKeys: 4,
    }),
    body,
    after: fc.dictionary(fc.constantFrom('tags', 'x'), nested, { maxKeys: 2 }),
  })
  .map(({ before, body, after }) => ({ ...before, body, ...after }));
const spacing = fc.constantFrom(undefined, 1, 2, '\t');

describe('bodyParagraph', () => {
  it('gives what JSON.parse(doc).body[index] gives when it is a string, from text and from UTF-8 bytes', () => {
    fc.assert(
      fc.property(doc, spacing, fc.nat(8), (document, space, index) => {
        const json = JSON.stringify(document, null, space);
        const element = document.body[index];
        const expected = typeof element === 'string' ? element : null;
        expect(bodyParagraph(json, index)).toBe(expected);
        expect(bodyParagraph(bytes(json), index)).toBe(expected);
      }),
    );
  });

  it('gives the paragraph or null for a document cut off anywhere, and never throws', () => {
    fc.assert(
      fc.property(doc, fc.nat(8), fc.nat(), (document, index, cut) => {
        const json = JSON.stringify(document);
        const element = document.body[index];
        const found = bodyParagraph(json.slice(0, cut % (json.length + 1)), index);
        expect(found === null || found === element).toBe(true);
      }),
    );
  });

  it('gives null without a body list, for indexes past it or not indexes at all, and for what is not JSON', () => {
    expect(bodyParagraph('{"title":"ع","body":["أ"]}', 1)).toBeNull();
    expect(bodyParagraph('{"title":"ع","body":["أ"]}', -1)).toBeNull();
    expect(bodyParagraph('{"title":"ع","body":["أ"]}', 0.5)).toBeNull();
    expect(bodyParagraph('{"title":"ع","body":"أ"}', 0)).toBeNull();
    expect(bodyParagraph('{"title":{"body":["أ"]}}', 0)).toBeNull();
    expect(bodyParagraph('null', 0)).toBeNull();
    expect(bodyParagraph('', 0)).toBeNull();
    expect(bodyParagraph(bytes('{"body": ["cut off'), 0)).toBeNull();
    expect(bodyParagraph('{"body":["\\u0623 \\"ب\\"", "ج\\\\د"]}', 1)).toBe('ج\\د');
    expect(bodyParagraph('{"body":["\\u0623 \\"ب\\"", "ج\\\\د"]}', 0)).toBe('أ "ب"');
  });
});
