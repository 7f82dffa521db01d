import type { Span } from '@khabar/schema';

/**
 * One non-blank line of the input, cleaned of transport noise: invisible controls removed, any run of
 * whitespace (tabs, no-break spaces…) made one space, ends trimmed. `start`/`end` locate the cleaned
 * text in the original input, so spans point at what the user gave us, not at our cleaned copy.
 */
export interface Line {
  /** 1-based line number in the input (`\n`, `\r\n` and `\r` each end one line). */
  number: number;
  /** The line without transport noise. */
  text: string;
  /** UTF-16 offset in the input of the first character kept. */
  start: number;
  /** One past the last character kept. */
  end: number;
  /** Input offset of each character of `text`, when cleaning removed or merged characters inside it. */
  offsets: Int32Array | null;
  /**
   * Set when the line stands for a whole element of a page, whose text is not a slice of the input: any
   * part of it then spans the whole element.
   */
  whole?: true;
}

/** The input's lines, and what the scan saw of characters that are not text at all. */
export interface SplitText {
  lines: Line[];
  /** How many NULs the input holds (counted among `controls` too). */
  nuls: number;
  /** How many C0 controls (other than whitespace), DEL and U+FFFD the input holds. */
  controls: number;
  /** Whether no line needed more than trimming: each line's text is its input span as it stands. */
  plain: boolean;
}

/**
 * Splits the input into its non-blank lines, cleaned, with their place in the input. One pass over the
 * characters finds the line ends, the lines that need cleaning and the control characters; most lines
 * need no cleaning and are kept as they are.
 */
export function splitLines(input: string): SplitText {
  return isPlain(input) ? { lines: plainLines(input), nuls: 0, controls: 0, plain: true } : scanLines(input);
}

// A character outside plain printable text: controls, CR, no-break and other spaces, invisible
// controls, U+FFFD.
const UNUSUAL =
  /[^\n -~\u00A1-\u00AC\u00AE-\u061B\u061D-\u167F\u1681-\u180A\u1810-\u1FFF\u2010-\u2027\u2030-\u205E\u2070-\u2FFF\u3001-\uFEFE\uFF00-\uFFFC]/;
// A character outside ASCII and the Arabic block (few per text, each then checked against UNUSUAL),
// or two spaces in a row. Scanning for this smaller class is the faster native scan, and one scan
// finds both.
const RARE_OR_DOUBLE_SPACE = /[^\n -~\u0600-\u061B\u061D-\u06FF]| {2}/g;

/** Whether no character needs cleaning: most inputs, which then split at line feeds and nothing more. */
function isPlain(input: string): boolean {
  RARE_OR_DOUBLE_SPACE.lastIndex = 0;
  for (
    let found = RARE_OR_DOUBLE_SPACE.exec(input);
    found !== null;
    found = RARE_OR_DOUBLE_SPACE.exec(input)
  ) {
    if (found[0].length > 1 || UNUSUAL.test(found[0])) return false;
  }
  return true;
}

function plainLines(input: string): Line[] {
  const lines: Line[] = [];
  let number = 0;
  for (let start = 0; start <= input.length; ) {
    number++;
    let end = input.indexOf('\n', start);
    if (end < 0) end = input.length;
    if (end > start) {
      const raw = input.slice(start, end);
      // A space at either end is the one thing left to trim.
      const padded = raw.charCodeAt(0) === 32 || raw.charCodeAt(raw.length - 1) === 32;
      const line = padded ? cleanLine(raw, start, number) : plainLine(raw, start, number);
      if (line) lines.push(line);
    }
    start = end + 1;
  }
  return lines;
}

function scanLines(input: string): SplitText {
  const lines: Line[] = [];
  const length = input.length;
  let nuls = 0;
  let controls = 0;
  let number = 0;
  let lineStart = 0;
  while (lineStart <= length) {
    number++;
    let index = lineStart;
    let noisy = false;
    // True at the start, so that a leading space marks the line for cleaning.
    let afterSpace = true;
    for (; index < length; index++) {
      const code = input.charCodeAt(index);
      if (code > 32) {
        // Printable ASCII and the Arabic, Hebrew, Syriac… blocks: plain text, the common case.
        if (code < 0x7f || (code >= 0x0600 && code < 0x1680 && code !== 0x061c)) {
          afterSpace = false;
          continue;
        }
        if (code === 0x7f || code === 0xfffd) controls++;
        if (code === 0x7f || isInvisible(code) || isWhitespace(code)) noisy = true;
        afterSpace = false;
        continue;
      }
      if (code === 32) {
        if (afterSpace) noisy = true;
        afterSpace = true;
        continue;
      }
      if (code === 10 || code === 13) break;
      noisy = true;
      if (code < 9 || code > 13) {
        controls++;
        if (code === 0) nuls++;
      }
    }
    if (index > lineStart) {
      if (afterSpace) noisy = true;
      const raw = input.slice(lineStart, index);
      const line = noisy ? cleanLine(raw, lineStart, number) : plainLine(raw, lineStart, number);
      if (line) lines.push(line);
    }
    if (index >= length) break;
    lineStart = input.charCodeAt(index) === 13 && input.charCodeAt(index + 1) === 10 ? index + 2 : index + 1;
  }
  return { lines, nuls, controls, plain: false };
}

function plainLine(raw: string, start: number, number: number): Line {
  return { number, text: raw, start, end: start + raw.length, offsets: null };
}

function cleanLine(raw: string, lineStart: number, number: number): Line | null {
  let text = '';
  const offsets: number[] = [];
  let pendingSpace = false;
  for (let index = 0; index < raw.length; index++) {
    const code = raw.charCodeAt(index);
    if (isInvisible(code)) continue;
    if (isWhitespace(code)) {
      pendingSpace = text.length > 0;
      continue;
    }
    if (pendingSpace) {
      text += ' ';
      offsets.push(lineStart + index - 1);
      pendingSpace = false;
    }
    text += raw[index];
    offsets.push(lineStart + index);
  }
  if (text.length === 0) return null;
  const first = offsets[0] as number;
  const last = offsets[offsets.length - 1] as number;
  const end = last + 1;
  // When nothing inside the text moved, offsets are a plain shift: keep the cheap form.
  const contiguous = end - first === text.length;
  return { number, text, start: first, end, offsets: contiguous ? null : Int32Array.from(offsets) };
}

// Bidi and zero-width controls (arabic.md N9), the word joiner, the soft hyphen, and C0 controls and
// DEL other than whitespace: they carry no text.
function isInvisible(code: number): boolean {
  return (
    (code < 32 && (code < 9 || code > 13)) ||
    code === 0x7f ||
    code === 0xad ||
    code === 0x61c ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    code === 0x2060 ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

// The characters JavaScript's `\s` matches (U+FEFF is handled above as invisible).
function isWhitespace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/**
 * The lines' texts joined by line feeds: the text the content hash covers. When each line is its own
 * input span and one line feed separates each from the next, that is a slice of the input, with no
 * copy.
 */
export function joinedText(input: string, split: SplitText): string {
  const { lines } = split;
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (split.plain && first !== undefined && last !== undefined && adjacent(lines)) {
    return input.slice(first.start, last.end);
  }
  return lines.map((line) => line.text).join('\n');
}

/**
 * The UTF-8 bytes of the joined text when they are the input's bytes as they stand: the lines start at
 * the first character, follow each other one line feed apart and end the input, before at most one
 * line feed. Null otherwise.
 */
export function hashedBytes(input: string, split: SplitText, utf8: Uint8Array): Uint8Array | null {
  const { lines } = split;
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (!split.plain || first === undefined || last === undefined || first.start !== 0) return null;
  if (!adjacent(lines)) return null;
  const after = input.length - last.end;
  if (after === 0) return utf8;
  return after === 1 && utf8[utf8.length - 1] === 10 ? utf8.subarray(0, utf8.length - 1) : null;
}

function adjacent(lines: readonly Line[]): boolean {
  for (let index = 1; index < lines.length; index++) {
    if ((lines[index] as Line).start !== (lines[index - 1] as Line).end + 1) return false;
  }
  return true;
}

/** The input span of `text.slice(from, to)` of a line. */
export function spanOf(line: Line, from: number, to: number): Span {
  if (line.whole) return lineSpan(line);
  if (to <= from) {
    const at = inputOffset(line, from);
    return { start: at, end: at };
  }
  return { start: inputOffset(line, from), end: inputOffset(line, to - 1) + 1 };
}

/** The input span of the whole line. */
export function lineSpan(line: Line): Span {
  return { start: line.start, end: line.end };
}

function inputOffset(line: Line, index: number): number {
  if (line.offsets === null) return line.start + Math.min(index, line.text.length);
  const clamped = Math.min(Math.max(index, 0), line.offsets.length - 1);
  return line.offsets[clamped] as number;
}
