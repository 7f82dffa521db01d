import { lowerCase } from './lower-case.ts';

/**
 * Normalization for matching and search (never for display), rules N1–N9 of the Arabic spec,
 * applied in order.
 */

// N2 tatweel, N3 harakat U+064B–U+0652 and superscript alef U+0670, N9 bidi and zero-width controls.
const DELETED = /[\u0640\u064B-\u0652\u0670\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g;

// N4 alef forms, N5 alef maqsura, N6 taa marbuta, N7 Persian yeh and keheh, N8 Arabic-Indic and Persian digits.
const REPLACED: Record<string, string> = {
  '\u0622': '\u0627',
  '\u0623': '\u0627',
  '\u0625': '\u0627',
  '\u0671': '\u0627',
  '\u0649': '\u064A',
  '\u0629': '\u0647',
  '\u06CC': '\u064A',
  '\u06A9': '\u0643',
};
for (let digit = 0; digit <= 9; digit++) {
  REPLACED[String.fromCharCode(0x0660 + digit)] = String(digit);
  REPLACED[String.fromCharCode(0x06f0 + digit)] = String(digit);
}
const REPLACEABLE = /[\u0622\u0623\u0625\u0671\u0649\u0629\u06CC\u06A9\u0660-\u0669\u06F0-\u06F9]/g;

function replacement(char: string): string {
  return REPLACED[char] ?? char;
}

function normalizeOnce(text: string): string {
  return text.normalize('NFKC').replace(DELETED, '').replace(REPLACEABLE, replacement);
}

// Text that NFKC leaves as it is, up to the order of the marks N3 deletes anyway: ASCII, Arabic
// letters, digits and punctuation without the combining hamza and madda (U+0653–U+0655), the other
// combining marks, or the compatibility letters U+0675–U+0678, and the dashes, quotes and bullet of
// news text (– — ‘ ’ “ ” « » •; not …, which NFKC makes three dots). Most text is such, and skips NFKC.
const NFKC_STABLE =
  /^[\t\n\r\x20-\x7E\u00AB\u00BB\u0600-\u060F\u061B-\u0652\u0660-\u0674\u0679-\u06D5\u06EE-\u06FF\u2013\u2014\u2018-\u201D\u2022]*$/;

// What N2–N9 do to each code unit of the Arabic block: keep it, delete it, or put this string instead.
const KEEP = 0;
const DELETE = 1;
const ARABIC_BLOCK = 0x0600;
const arabicActions: (typeof KEEP | typeof DELETE | string)[] = Array.from({ length: 0x100 }, (_, index) => {
  const char = String.fromCharCode(ARABIC_BLOCK + index);
  DELETED.lastIndex = 0;
  if (DELETED.test(char)) return DELETE;
  return REPLACED[char] ?? KEEP;
});

// The fast path's answer for each code unit below U+2100 (the last one NFKC_STABLE admits is U+2022):
// the code unit to write in its place (itself when it stays), DROP when N2 to N9 delete it, or
// GIVE_UP when the text needs the full rules. NUL never stays (NFKC_STABLE does not admit it), and
// every replacement is one code unit.
const DROP = 0;
const GIVE_UP = 0xffff;
const FAST_LIMIT = 0x2100;

function fastTable(lowerLatin: boolean): Uint16Array {
  const table = new Uint16Array(FAST_LIMIT).fill(GIVE_UP);
  for (let code = 0; code < FAST_LIMIT; code++) {
    if (!NFKC_STABLE.test(String.fromCharCode(code))) continue;
    const inBlock = code >= ARABIC_BLOCK && code <= 0x06ff;
    const action = inBlock ? arabicActions[code - ARABIC_BLOCK] : KEEP;
    // A Latin capital is the only character the fast path admits that has a lower case.
    if (lowerLatin && code >= 0x41 && code <= 0x5a) table[code] = code + 0x20;
    else table[code] = action === KEEP ? code : action === DELETE ? DROP : (action as string).charCodeAt(0);
  }
  return table;
}

let unifyTable: Uint16Array | null = null;
let foldTable: Uint16Array | null = null;

// Node's Buffer, where the runtime has one: a text goes into a scratch buffer and back out as memory
// copies, and the pass between them rewrites code units in place, where building the string piece by
// piece would make a rope that every later search has to flatten. Little-endian machines only, so
// that the UTF-16LE bytes are the code units of a Uint16Array over the same memory.
interface CodeUnitBytes {
  write(text: string, offset: number, encoding: 'utf16le'): number;
  toString(encoding: 'utf16le', start: number, end: number): string;
}
interface BufferMaker {
  from(memory: ArrayBuffer, byteOffset: number, length: number): CodeUnitBytes;
}
const littleEndian = new Uint16Array(new Uint8Array([1, 0]).buffer)[0] === 1;
const bufferMaker = littleEndian ? (globalThis as { Buffer?: BufferMaker }).Buffer : undefined;
// Shorter texts (labels, single words) are cheaper to build as strings than to copy twice.
const COPY_FROM = 24;
// The scratch buffer is kept up to this many code units; longer texts get their own.
const KEPT_SCRATCH = 1 << 20;
let scratchUnits = new Uint16Array(0);
let scratchBytes: CodeUnitBytes | null = null;

/**
 * N2 to N9 (and, with the folding table, lower-casing) in one pass over text that NFKC leaves as it
 * is (every character one NFKC_STABLE admits); null as soon as a character needs the full rules.
 */
function unifyStable(text: string, table: Uint16Array): string | null {
  if (bufferMaker !== undefined && text.length >= COPY_FROM) return unifyCopied(text, table, bufferMaker);
  let result = '';
  let kept = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const unit = code < FAST_LIMIT ? (table[code] as number) : GIVE_UP;
    if (unit === code) continue;
    if (unit === GIVE_UP) return null;
    result += text.slice(kept, index);
    if (unit !== DROP) result += String.fromCharCode(unit);
    kept = index + 1;
  }
  return kept === 0 ? text : result + text.slice(kept);
}

function unifyCopied(text: string, table: Uint16Array, maker: BufferMaker): string | null {
  const length = text.length;
  let units = scratchUnits;
  let bytes = scratchBytes;
  if (bytes === null || units.length < length) {
    units = new Uint16Array(Math.max(length, Math.min(KEPT_SCRATCH, Math.max(units.length * 2, 1 << 12))));
    bytes = maker.from(units.buffer, 0, units.byteLength);
    if (units.length <= KEPT_SCRATCH) {
      scratchUnits = units;
      scratchBytes = bytes;
    }
  }
  bytes.write(text, 0, 'utf16le');
  let changed = false;
  let index = 0;
  // Replacements in place until the first deletion, then the rest moved down over the gaps.
  for (; index < length; index++) {
    const code = units[index] as number;
    const unit = code < FAST_LIMIT ? (table[code] as number) : GIVE_UP;
    if (unit === code) continue;
    if (unit === GIVE_UP) return null;
    changed = true;
    if (unit === DROP) break;
    units[index] = unit;
  }
  let end = index;
  for (; index < length; index++) {
    const code = units[index] as number;
    const unit = code < FAST_LIMIT ? (table[code] as number) : GIVE_UP;
    if (unit === GIVE_UP) return null;
    if (unit !== DROP) units[end++] = unit;
  }
  return changed ? bytes.toString('utf16le', 0, end * 2) : text;
}

/**
 * Applies N1–N9: NFKC, then deletions, then letter and digit unification. Deleting a control or
 * replacing a letter can leave a letter and a combining hamza or madda side by side (ي + U+0654, or
 * ا + U+200F + U+0654), which NFKC then composes: the rules run again until the text is stable, so
 * normalizing twice gives what normalizing once gives.
 */
export function normalize(text: string): string {
  unifyTable ??= fastTable(false);
  return unifyStable(text, unifyTable) ?? normalizeFully(text);
}

function normalizeFully(text: string): string {
  let result = normalizeOnce(text);
  while (result.normalize('NFKC') !== result) result = normalizeOnce(result);
  return result;
}

/**
 * `lowerCase(normalize(text))`, the form text is matched in, in one pass over text the fast path
 * reads: there a Latin capital is the only character with a lower case, and the table lowers it.
 */
export function normalizeLowerCase(text: string): string {
  foldTable ??= fastTable(true);
  return unifyStable(text, foldTable) ?? lowerCase(normalizeFully(text));
}

/** Replaces Arabic-Indic (U+0660) and Persian (U+06F0) digits with ASCII digits, leaving all else (N8 alone). */
export function toLatinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (char) => {
    const code = char.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** Characters that carry no text: bidi and zero-width controls (N9). */
export const INVISIBLE_CHARACTERS = /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g;
