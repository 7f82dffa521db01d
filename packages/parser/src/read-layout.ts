import { readByline } from './byline.ts';
import { datelineEnd } from './dateline.ts';
import type { Draft } from './draft.ts';
import type { Credit } from './footer.ts';
import { classifyLines, type LineKind } from './line-kind.ts';
import { type Line, lineSpan, spanOf } from './lines.ts';
import type { ParseOptions } from './options.ts';
import { type DateLine, readDateLine } from './published-date-line.ts';
import { RelatedReader } from './related.ts';
import { hasWordChar } from './text-shape.ts';
import { warning } from './warnings.ts';

type Zone = 'header' | 'body' | 'footer' | 'related';

/**
 * Where a document's parts sit, whatever it arrived as: the headline, the lines the article rules
 * read (header, body, footer, appended articles, in that order), and the lines outside the article:
 * the menus, lists and footers of a full page, or the lines before the title of a text dump.
 */
export interface Layout {
  title: Line;
  lines: Line[];
  /** Lines left out as not the article's, each reported with a warning. */
  outside: Line[];
}

/** Reads a document's layout into the draft: the title, then the article rules over its lines. */
export function readLayout(layout: Layout, draft: Draft, options: ParseOptions): void {
  for (const line of layout.outside) {
    draft.warnings.push(
      hasWordChar(line.text)
        ? warning('outside_article', line.number, line.text)
        : warning('no_text_dropped', line.number),
    );
  }
  draft.title = layout.title.text;
  draft.span('title', lineSpan(layout.title));
  readLines(layout.lines, 0, draft, options);
}

/** Walks the article's lines, zone by zone: header, body, footer, appended articles. */
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
        // The layout puts appended articles after the footer: before one, the reader is told.
        if (zone !== 'footer') draft.warnings.push(warning('related_without_footer', line.number));
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
