import { describe, expect, it } from 'vitest';
import { charsetOf, decodeBytes, encodingOf } from './decode.ts';

const arabic = 'السلام عليكم';
// The same words in windows-1256: ا=C7 ل=E1 س=D3 …
const cp1256 = Uint8Array.from([0xc7, 0xe1, 0xd3, 0xe1, 0xc7, 0xe3, 0x20, 0xda, 0xe1, 0xed, 0xdf, 0xe3]);
const utf8 = new TextEncoder().encode(arabic);

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const [high, low] = [code >> 8, code & 0xff];
    bytes.set(bigEndian ? [high, low] : [low, high], 2 + index * 2);
  }
  return bytes;
}

describe('decodeBytes', () => {
  it('reads UTF-8 by default, and UTF-16 in either byte order by its byte order mark', () => {
    expect(decodeBytes(utf8, null, false)).toMatchObject({
      text: arabic,
      encoding: 'utf-8',
      from: 'default',
    });
    expect(decodeBytes(utf16(arabic, false), null, false)).toMatchObject({ text: arabic, from: 'bom' });
    expect(decodeBytes(utf16(arabic, true), null, false)).toMatchObject({
      text: arabic,
      encoding: 'utf-16be',
    });
  });

  it('lets a byte order mark win over a declared charset', () => {
    expect(decodeBytes(utf16(arabic, false), 'windows-1256', true).text).toBe(arabic);
  });

  it('reads windows-1256 and ISO-8859-6 when the transport names them', () => {
    expect(decodeBytes(cp1256, 'windows-1256', false)).toMatchObject({
      text: arabic,
      from: 'transport',
      problem: null,
    });
    expect(decodeBytes(cp1256, 'cp1256', false).text).toBe(arabic);
    const iso = Uint8Array.from([0xc7, 0xe4, 0xd3]);
    expect(decodeBytes(iso, 'ISO-8859-6', false).text).toBe('الس');
  });

  it("takes a page's own <meta charset> or http-equiv declaration", () => {
    const page = (head: string) =>
      Uint8Array.from([...new TextEncoder().encode(`<html><head>${head}</head><body>`), ...cp1256]);
    expect(decodeBytes(page('<meta charset="windows-1256">'), null, true).text).toContain(arabic);
    const equiv = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">';
    expect(decodeBytes(page(equiv), null, true)).toMatchObject({ from: 'markup', encoding: 'windows-1256' });
    // Text dumps are not pages: a line that looks like markup declares nothing (the Arabic bytes are
    // still read as windows-1256, found by their reading, not by the line).
    expect(decodeBytes(page('<meta charset="windows-1256">'), null, false).from).toBe('default');
    expect(decodeBytes(page('<meta charset="iso-8859-6">'), null, false).encoding).toBe('windows-1256');
  });

  it('reads a page declared windows-1256 but saved as UTF-8 as UTF-8, and says so', () => {
    const page = new TextEncoder().encode(`<meta charset="windows-1256"><p>${arabic}</p>`);
    const decoded = decodeBytes(page, null, true);
    expect(decoded.text).toContain(arabic);
    expect(decoded.problem).toMatch(/declared windows-1256/);
  });

  it('reads UTF-8 bytes labelled with a single-byte charset as UTF-8, and says so', () => {
    const decoded = decodeBytes(utf8, 'windows-1256', false);
    expect(decoded.text).toBe(arabic);
    expect(decoded.problem).toMatch(/labelled windows-1256 but the bytes are UTF-8/);
  });

  it('replaces bytes that are not valid in the encoding and reports it, without throwing', () => {
    const broken = Uint8Array.from([...utf8, 0xff, 0xfe, 0xc3]);
    const decoded = decodeBytes(broken, null, false);
    expect(decoded.text.startsWith(arabic)).toBe(true);
    expect(decoded.text).toContain('\uFFFD');
    expect(decoded.problem).toMatch(/not valid in utf-8/);
  });

  it('reads bytes that are not UTF-8, with no charset named, as windows-1256 when they are Arabic in it', () => {
    const line = Uint8Array.from([...cp1256, 0x0a, ...cp1256]);
    expect(decodeBytes(line, null, false)).toMatchObject({
      text: `${arabic}\n${arabic}`,
      encoding: 'windows-1256',
      problem: expect.stringMatching(/windows-1256/),
    });
    expect(decodeBytes(line, null, true).encoding).toBe('windows-1256');
    // UTF-8 with a few broken bytes stays UTF-8; so do Latin bytes of another code page.
    expect(decodeBytes(Uint8Array.from([...utf8, 0xff, 0xfe]), null, false).encoding).toBe('utf-8');
    const french = Uint8Array.from([
      0x63, 0x61, 0x66, 0xe9, 0x20, 0xe0, 0x20, 0x6c, 0xe0, 0x20, 0xe9, 0x74, 0xe9,
    ]);
    expect(decodeBytes(french, null, false).encoding).toBe('utf-8');
    // A charset that was named is not second-guessed.
    expect(decodeBytes(line, 'utf-8', false).encoding).toBe('utf-8');
  });

  it('reads each document afresh: bytes cut inside a character do not spill into the next one', () => {
    const cut = utf8.subarray(0, 3);
    expect(decodeBytes(cut, null, false).problem).toMatch(/not valid in utf-8/);
    expect(decodeBytes(utf8, null, false)).toMatchObject({ text: arabic, problem: null });
    expect(decodeBytes(Uint8Array.from([0xd8]), null, false).text).toBe('\uFFFD');
    expect(decodeBytes(utf8.subarray(1), null, false).text.startsWith('\uFFFD')).toBe(true);
  });

  it('reports an unknown charset and falls back to UTF-8', () => {
    const decoded = decodeBytes(utf8, 'x-klingon', false);
    expect(decoded).toMatchObject({ text: arabic, encoding: 'utf-8' });
    expect(decoded.problem).toMatch(/unknown charset 'x-klingon'/);
  });
});

describe('charset labels', () => {
  it('reads the charset parameter of a content type', () => {
    expect(charsetOf('text/html; charset=windows-1256')).toBe('windows-1256');
    expect(charsetOf('text/html;charset="UTF-8"')).toBe('UTF-8');
    expect(charsetOf('text/html')).toBeNull();
    expect(charsetOf(undefined)).toBeNull();
  });

  it('maps labels to the WHATWG encoding names', () => {
    expect(encodingOf('arabic')).toBe('iso-8859-6');
    expect(encodingOf(' CP1256 ')).toBe('windows-1256');
    expect(encodingOf('no-such-thing')).toBeNull();
  });
});
