import type { Article } from '@khabar/schema';
import { isBinary } from './binary.ts';
import { readByline } from './byline.ts';
import { type DateLine, readDateLine } from './date-line.ts';
import { datelineEnd } from './dateline.ts';
import { Draft } from './draft.ts';
import { parseError } from './errors.ts';
import type { Credit } from './footer.ts';
import { articleId, sha256, slugify } from './identity.ts';
import { detectLanguage } from './language.ts';
import { classifyLines, type LineKind } from './line-kind.ts';
import { hashedBytes, joinedText, type Line, lineSpan, spanOf, splitLines } from './lines.ts';
import type { ParseOptions, ParseResult } from './options.ts';
import { RelatedReader } from './related.ts';
import { lexiconKeys, segmentTags } from './tags.ts';
import { countWords, hasWordChar } from './text-shape.ts';
import { parserVersion } from './version.ts';
import { warning } from './warnings.ts';

type Zone = 'header' | 'body' | 'footer' | 'related';

/**
 * Reads one news page text dump into an article. Never throws: an input that cannot be an article
 * gives `{ ok: false, error }` with a code from the error catalogue.
 */
export function parseArticle(text: unknown, options: ParseOptions = {}): ParseResult {
  try {
    return parse(text, options);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    const error = parseError('internal_error');
    return { ok: false, error: { ...error, message: `${error.message} (${detail})` } };
  }
}

function parse(text: unknown, given: ParseOptions): ParseResult {
  const options = checkedOptions(given);
  if (typeof text !== 'string') return { ok: false, error: parseError('not_a_string') };
  if (text.length === 0) return { ok: false, error: parseError('empty_input') };
  const split = splitLines(text);
  const { lines, nul, controls } = split;
  if (isBinary(text.length, nul, controls)) return { ok: false, error: parseError('binary_input') };
  if (lines.length === 0) return { ok: false, error: parseError('whitespace_only') };
  const titleIndex = lines.findIndex((line) => hasWordChar(line.text));
  if (titleIndex < 0) return { ok: false, error: parseError('no_title') };

  const draft = new Draft();
  for (const line of lines.slice(0, titleIndex)) draft.warnings.push(warning('no_text_dropped', line.number));
  const titleLine = lines[titleIndex] as Line;
  draft.title = titleLine.text;
  draft.span('title', lineSpan(titleLine));
  readLines(lines, titleIndex + 1, draft, options);
  const hashed = (options.utf8 && hashedBytes(text, split, options.utf8)) ?? joinedText(text, split);
  return { ok: true, ...finish(draft, hashed, options) };
}

// Options come from JavaScript callers too: a value of the wrong type is left out, never a crash.
function checkedOptions(given: ParseOptions): ParseOptions {
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

/** Walks the lines after the title, zone by zone: header, body, footer, appended articles. */
function readLines(lines: Line[], from: number, draft: Draft, options: ParseOptions): void {
  const kinds = classifyLines(lines, from);
  const related = new RelatedReader(draft, options);
  let zone: Zone = 'header';
  let dateSeen = false;
  for (let index = from; index < lines.length; index++) {
    const line = lines[index] as Line;
    const kind = kinds[index] as LineKind;
    if (kind.type === 'no_text' || kind.type === 'chrome') {
      dropLine(draft, lines, kinds, index);
      continue;
    }
    if (zone === 'related') {
      index = related.read(lines, kinds, index);
      continue;
    }
    if (kind.type === 'read_also') {
      if (kind.marker.kind === 'inline') {
        addReadAlso(draft, line, kind.marker.headlineStart, line);
        continue;
      }
      const opensBlock =
        zone === 'footer' ? relatedSegmentLength(lines, kinds, index + 1) >= 2 : kind.opensBlockWithoutFooter;
      if (opensBlock) {
        zone = 'related';
        index = related.read(lines, kinds, index);
        continue;
      }
      const headline = headlineIndex(kinds, index + 1);
      if (headline < 0) {
        draft.warnings.push(warning('read_also_without_headline', line.number));
        continue;
      }
      for (let skipped = index + 1; skipped < headline; skipped++) dropLine(draft, lines, kinds, skipped);
      addReadAlso(draft, lines[headline] as Line, 0, line);
      index = headline;
      continue;
    }
    if (kind.type === 'credits' || kind.type === 'keywords') {
      if (kind.type === 'credits') addCredits(draft, line, kind.credits);
      else {
        draft.keywords.push({ line, start: kind.start });
        draft.span('tags', lineSpan(line));
      }
      // The footer starts here unless the body goes on after this line.
      if (!kind.textFollows) zone = 'footer';
      continue;
    }
    if (zone === 'footer') {
      draft.warnings.push(warning('unexpected_line', line.number));
      continue;
    }
    if (zone === 'header') {
      const date = readDateLine(line.text, options.referenceTime);
      if (date !== null) {
        if (dateSeen) draft.warnings.push(warning('date_repeated', line.number, line.text));
        else setDate(draft, line, date);
        dateSeen = true;
        continue;
      }
      if (draft.byline === null && readHeaderByline(draft, line)) continue;
      zone = 'body';
      addFirstParagraph(draft, line);
      continue;
    }
    draft.body.push(line.text);
    draft.span('body', lineSpan(line));
  }
  related.finish();
  if (draft.related.length > 0) draft.spans.related = draft.related.map((item) => item.span);
}

/** Drops a line with no text or a chrome line, with its warning. */
function dropLine(draft: Draft, lines: readonly Line[], kinds: readonly LineKind[], index: number): void {
  const line = lines[index] as Line;
  if (kinds[index]?.type === 'chrome') draft.warnings.push(warning('chrome_dropped', line.number, line.text));
  else draft.warnings.push(warning('no_text_dropped', line.number));
}

/** The line holding a marker's headline: the next text line, past chrome; -1 when none follows. */
function headlineIndex(kinds: readonly LineKind[], from: number): number {
  for (let index = from; index < kinds.length; index++) {
    const type = kinds[index]?.type;
    if (type === 'text') return index;
    if (type !== 'chrome' && type !== 'no_text') return -1;
  }
  return -1;
}

/** Lines from `from` up to the next marker line or the end: the text of one appended article or headline. */
function relatedSegmentLength(lines: Line[], kinds: LineKind[], from: number): number {
  let count = 0;
  for (let index = from; index < lines.length; index++) {
    const kind = kinds[index] as LineKind;
    if (kind.type === 'read_also' && kind.marker.kind === 'marker') break;
    if (kind.type === 'text') count++;
  }
  return count;
}

function addReadAlso(draft: Draft, headline: Line, headlineStart: number, marker: Line): void {
  draft.readAlso.push({ title: headline.text.slice(headlineStart), afterParagraph: draft.body.length });
  draft.span('readAlso', { start: marker.start, end: headline.end });
}

function addCredits(draft: Draft, line: Line, credits: readonly Credit[]): void {
  draft.span('source', lineSpan(line));
  for (const credit of credits) {
    if (credit.value.length === 0) {
      draft.warnings.push(warning('source_empty', line.number));
    } else if (draft[credit.kind] !== null) {
      draft.warnings.push(warning('source_repeated', line.number, credit.value));
    } else {
      draft[credit.kind] = credit.value;
    }
  }
}

function setDate(draft: Draft, line: Line, date: DateLine): void {
  draft.span('publishedAt', lineSpan(line));
  if (date.iso !== null) draft.publishedAt = date.iso;
  else
    draft.warnings.push(warning(date.relative ? 'date_relative' : 'date_unreadable', line.number, line.text));
}

function readHeaderByline(draft: Draft, line: Line): boolean {
  const found = readByline(line.text);
  if (found === null) return false;
  draft.byline = line.text.slice(found.start, found.end);
  draft.span('byline', spanOf(line, found.start, found.end));
  return true;
}

function addFirstParagraph(draft: Draft, line: Line): void {
  const end = datelineEnd(line.text);
  if (end > 0) {
    draft.dateline = line.text.slice(0, end);
    draft.span('dateline', spanOf(line, 0, end));
  }
  draft.body.push(line.text);
  draft.span('body', lineSpan(line));
}

function finish(
  draft: Draft,
  content: string | Uint8Array,
  options: ParseOptions,
): { article: Article; warnings: Article['warnings'] } {
  const tags = readTags(draft, options);
  if (draft.body.length === 0) draft.warnings.push(warning('no_body', null));
  draft.warnings.sort((left, right) => (left.line ?? 0) - (right.line ?? 0));
  const id = articleId(draft.title, draft.publishedAt);
  const { lang, dir } = detectLanguage(draft.title, draft.body);
  let wordCount = 0;
  for (const paragraph of draft.body) wordCount += countWords(paragraph);
  const article: Article = {
    id,
    slug: slugify(draft.title, id),
    title: draft.title,
    publishedAt: draft.publishedAt,
    byline: draft.byline,
    dateline: draft.dateline,
    body: draft.body,
    readAlso: draft.readAlso,
    source: { agency: draft.agency, publisher: draft.publisher },
    tags,
    related: draft.related.map((related) => related.article),
    lang,
    dir,
    wordCount,
    warnings: draft.warnings,
    provenance: {
      contentHash: sha256(content),
      parserVersion,
      spans: draft.spans,
    },
  };
  return { article, warnings: draft.warnings };
}

function readTags(draft: Draft, options: ParseOptions): string[] {
  if (draft.keywords.length === 0) return [];
  const lexicon = lexiconKeys(options.tagLexicon ?? []);
  const tags: string[] = [];
  const spans = [];
  for (const { line, start } of draft.keywords) {
    const value = line.text.slice(start);
    const slices = segmentTags(value, draft.title, draft.body, lexicon);
    if (slices.length === 0) draft.warnings.push(warning('keywords_empty', line.number));
    for (const slice of slices) {
      tags.push(slice.text);
      spans.push(spanOf(line, start + slice.start, start + slice.end));
    }
  }
  if (spans.length > 0) draft.spans.tags = spans;
  return tags;
}
