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
}

// Bidi and zero-width controls (arabic.md N9), the word joiner and the soft hyphen: they carry no text.
const INVISIBLE = '\\u00AD\\u061C\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF';
// A line needs the slow path if it has invisible characters, whitespace other than a single space,
// or spaces at either end.
const NEEDS_CLEANING = new RegExp(`[${INVISIBLE}]|[^\\S ]|  |^ | $`);

/** Splits the input into its non-blank lines, cleaned, with their place in the input. */
export function splitLines(input: string): Line[] {
  const lines: Line[] = [];
  let number = 0;
  let lineStart = 0;
  const length = input.length;
  while (lineStart <= length) {
    number++;
    let lineEnd = lineStart;
    while (lineEnd < length) {
      const code = input.charCodeAt(lineEnd);
      if (code === 10 || code === 13) break;
      lineEnd++;
    }
    const raw = input.slice(lineStart, lineEnd);
    if (raw.length > 0) {
      const line = NEEDS_CLEANING.test(raw)
        ? cleanLine(raw, lineStart, number)
        : plainLine(raw, lineStart, number);
      if (line) lines.push(line);
    }
    if (lineEnd >= length) break;
    lineStart =
      input.charCodeAt(lineEnd) === 13 && input.charCodeAt(lineEnd + 1) === 10 ? lineEnd + 2 : lineEnd + 1;
  }
  return lines;
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

function isInvisible(code: number): boolean {
  return (
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

/** The input span of `text.slice(from, to)` of a line. */
export function spanOf(line: Line, from: number, to: number): Span {
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
