const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
// "body"
const BODY_KEY = [0x62, 0x6f, 0x64, 0x79];

const utf8 = new TextDecoder();

/** A stored document's JSON: its text, or its UTF-8 bytes. */
export type DocJson = string | Uint8Array;

/**
 * One body paragraph of a stored document, read from the document's JSON: `body[index]` as
 * `JSON.parse(doc).body[index]` gives it, or null when the document has no such paragraph. Only the
 * characters up to that paragraph are looked at, and only the paragraph is decoded: a search page needs
 * one or two paragraphs of each hit, and reading whole documents for them cost more than the rest of
 * the page. Text that is not such a document gives null, or what it spells where it looks like one;
 * nothing here throws on it.
 */
export function bodyParagraph(doc: DocJson, index: number): string | null {
  if (!Number.isInteger(index) || index < 0) return null;
  let at = skipSpace(doc, 0);
  if (unit(doc, at) !== OPEN_OBJECT) return null;
  at = skipSpace(doc, at + 1);
  if (unit(doc, at) === CLOSE_OBJECT) return null;
  for (;;) {
    if (unit(doc, at) !== QUOTE) return null;
    const keyEnd = stringEnd(doc, at);
    if (keyEnd < 0) return null;
    const isBody = isBodyKey(doc, at + 1, keyEnd);
    at = skipSpace(doc, keyEnd + 1);
    if (unit(doc, at) !== COLON) return null;
    at = skipSpace(doc, at + 1);
    if (isBody) return arrayString(doc, at, index);
    at = valueEnd(doc, at);
    if (at < 0) return null;
    at = skipSpace(doc, at);
    if (unit(doc, at) !== COMMA) return null;
    at = skipSpace(doc, at + 1);
  }
}

/** The `index`th element of the array at `at`, when it is a string. */
function arrayString(doc: DocJson, start: number, index: number): string | null {
  if (unit(doc, start) !== OPEN_ARRAY) return null;
  let at = skipSpace(doc, start + 1);
  if (unit(doc, at) === CLOSE_ARRAY) return null;
  for (let element = 0; element < index; element++) {
    at = valueEnd(doc, at);
    if (at < 0) return null;
    at = skipSpace(doc, at);
    if (unit(doc, at) !== COMMA) return null;
    at = skipSpace(doc, at + 1);
  }
  if (unit(doc, at) !== QUOTE) return null;
  const end = stringEnd(doc, at);
  if (end < 0) return null;
  const text = typeof doc === 'string' ? doc.slice(at + 1, end) : utf8.decode(doc.subarray(at + 1, end));
  if (text.indexOf('\\') < 0) return text;
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return null;
  }
}

function isBodyKey(doc: DocJson, start: number, end: number): boolean {
  if (end - start !== BODY_KEY.length) return false;
  for (let offset = 0; offset < BODY_KEY.length; offset++) {
    if (unit(doc, start + offset) !== BODY_KEY[offset]) return false;
  }
  return true;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(doc: DocJson, start: number): number {
  let at = start;
  while (at < doc.length && isSpace(unit(doc, at))) at++;
  return at;
}

/** The position of the quote closing the string that opens at `start`, or -1. */
function stringEnd(doc: DocJson, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = typeof doc === 'string' ? doc.indexOf('"', at) : doc.indexOf(QUOTE, at);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (unit(doc, quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

/** One past the end of the value that starts at `start` (a string, object, array or scalar), or -1. */
function valueEnd(doc: DocJson, start: number): number {
  const first = unit(doc, start);
  if (Number.isNaN(first)) return -1;
  if (first === QUOTE) {
    const end = stringEnd(doc, start);
    return end < 0 ? -1 : end + 1;
  }
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0;
    for (let at = start; at < doc.length; at++) {
      const byte = unit(doc, at);
      if (byte === QUOTE) {
        at = stringEnd(doc, at);
        if (at < 0) return -1;
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
      else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return at + 1;
      }
    }
    return -1;
  }
  // A number, true, false or null: up to the next separator.
  let at = start;
  while (at < doc.length) {
    const byte = unit(doc, at);
    if (byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY || isSpace(byte)) break;
    at++;
  }
  return at === start ? -1 : at;
}

/** The code unit or byte at `at`, or NaN past the end. */
function unit(doc: DocJson, at: number): number {
  return typeof doc === 'string' ? doc.charCodeAt(at) : (doc[at] ?? Number.NaN);
}
