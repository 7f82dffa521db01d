import { isBinary } from './binary.ts';
import { Draft } from './draft.ts';
import { parseError } from './errors.ts';
import { finish } from './finish.ts';
import { hashedBytes, joinedText, type Line, splitLines } from './lines.ts';
import type { ParseOptions, ParseResult } from './options.ts';
import { findArticleRegion } from './page-text/region.ts';
import { type Layout, readLayout } from './read-layout.ts';
import { hasWordChar } from './text-shape.ts';

/**
 * Reads one news page text dump into an article: a dump in the seed's layout (the title first), or a
 * full page's text with the site's menus and footers around the article. Never throws: an input that
 * cannot be an article gives `{ ok: false, error }` with a code from the error catalogue.
 */
export function parseArticle(text: unknown, options: ParseOptions = {}): ParseResult {
  return guarded(() => parse(text, checkedOptions(options)));
}

/** Runs a reader, turning anything it throws into the catalogued `internal_error`. */
export function guarded(read: () => ParseResult): ParseResult {
  try {
    return read();
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const error = parseError('internal_error');
    return { ok: false, error: { ...error, message: `${error.message} (${detail})` } };
  }
}

function parse(text: unknown, options: ParseOptions): ParseResult {
  if (typeof text !== 'string') return { ok: false, error: parseError('not_a_string') };
  if (text.length === 0) return { ok: false, error: parseError('empty_input') };
  const split = splitLines(text);
  const { lines, nuls, controls } = split;
  if (isBinary(text.length, nuls, controls)) return { ok: false, error: parseError('binary_input') };
  if (lines.length === 0) return { ok: false, error: parseError('whitespace_only') };
  const layout = textLayout(lines);
  if (layout === null) return { ok: false, error: parseError('no_title') };
  const draft = new Draft();
  readLayout(layout, draft, options);
  const hashed = (options.utf8 && hashedBytes(text, split, options.utf8)) ?? joinedText(text, split);
  return { ok: true, ...finish(draft, hashed, options) };
}

/**
 * The layout of a text: the article region of a full-page dump when the text is one, else the seed's
 * layout, where the first line with a letter or digit is the title and everything after it is read.
 */
function textLayout(lines: Line[]): Layout | null {
  const region = findArticleRegion(lines);
  if (region !== null) {
    const inside = new Set([region.title, ...region.header]);
    for (let index = region.bodyStart; index < region.bodyEnd; index++) inside.add(index);
    const outside = lines.filter((_, index) => !inside.has(index));
    const read = [...region.header, ...range(region.bodyStart, region.bodyEnd)].map(
      (index) => lines[index] as Line,
    );
    return { title: lines[region.title] as Line, lines: read, outside };
  }
  const titleIndex = lines.findIndex((line) => hasWordChar(line.text));
  if (titleIndex < 0) return null;
  return {
    title: lines[titleIndex] as Line,
    lines: lines.slice(titleIndex + 1),
    outside: lines.slice(0, titleIndex),
  };
}

function range(from: number, to: number): number[] {
  const indices: number[] = [];
  for (let index = from; index < to; index++) indices.push(index);
  return indices;
}

// Options come from JavaScript callers too: a value of the wrong type is left out, never a crash.
export function checkedOptions(given: ParseOptions): ParseOptions {
  const options: ParseOptions = {};
  if (given === null || typeof given !== 'object') return options;
  const { referenceTime, tagLexicon, utf8 } = given;
  if (referenceTime instanceof Date && !Number.isNaN(referenceTime.getTime()))
    options.referenceTime = referenceTime;
  if (tagLexicon !== null && typeof tagLexicon === 'object' && Symbol.iterator in tagLexicon) {
    options.tagLexicon = tagLexicon;
  }
  if (utf8 instanceof Uint8Array) options.utf8 = utf8;
  return options;
}
