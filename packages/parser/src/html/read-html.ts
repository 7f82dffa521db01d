import { Draft } from '../draft.ts';
import { parseError } from '../errors.ts';
import { finish, type PageFields } from '../finish.ts';
import type { Line } from '../lines.ts';
import type { ParseOptions, ParseResult } from '../options.ts';
import { guarded } from '../parse-article.ts';
import { type Layout, readLayout } from '../read-layout.ts';
import { warning } from '../warnings.ts';
import { type ContentBlock, extractContent } from './content.ts';
import { type PageDom, parsePage } from './dom.ts';
import { type PageMetadata, readMetadata } from './metadata.ts';

/** How to read a page: the parser's options, and the address it was fetched from. */
export interface PageOptions extends ParseOptions {
  /** The URL the page was fetched from: the fallback for its canonical URL, and a source of its date. */
  url?: string;
}

/**
 * Reads an HTML page into an article: the metadata (JSON-LD, OpenGraph, meta tags, the headline, dates
 * printed near it) and the article's text blocks, which then go through the same rules as a text dump
 * (read-also items, credits, keywords, bylines, datelines, chrome). Spans are the source ranges of the
 * elements each field came from; warnings name the source line of their element. Never throws: an
 * unexpected exception while reading gives `internal_error` with its message, never a page silently
 * read without its metadata or its text.
 */
export function readHtml(html: string, options: PageOptions): ParseResult {
  return guarded(() => read(html, options));
}

function read(html: string, options: PageOptions): ParseResult {
  const dom = parsePage(html);
  const metadata = readMetadata(dom, options.url);
  const blocks = extractContent(dom, metadata.title === null ? {} : { title: metadata.title.value });
  const layout = pageLayout(dom, metadata, blocks);
  if (layout === null) return { ok: false, error: parseError('no_title') };
  const draft = new Draft();
  readLayout(layout, draft, options);
  applyMetadata(draft, metadata, dom);
  return { ok: true, ...finish(draft, options.utf8 ?? html, options, pageFields(metadata)) };
}

/** The headline from the metadata, else the first block; the blocks after it are the article's lines. */
function pageLayout(dom: PageDom, metadata: PageMetadata, blocks: readonly ContentBlock[]): Layout | null {
  const lines = blocks.map((block) => blockLine(dom, block));
  if (metadata.title !== null) {
    const { value } = metadata.title;
    const { start, end } = sourceRange(dom, metadata.title);
    return {
      title: { number: dom.lineAt(start), text: value, start, end, offsets: null, whole: true },
      lines,
      outside: [],
    };
  }
  const [first, ...rest] = lines;
  return first === undefined ? null : { title: first, lines: rest, outside: [] };
}

function blockLine(dom: PageDom, block: ContentBlock): Line {
  const { start, end } = sourceRange(dom, block);
  return { number: dom.lineAt(start), text: block.text, start, end, offsets: null, whole: true };
}

/** A node's range, kept inside the page: an element left open at the end of the input runs past it. */
function sourceRange(dom: PageDom, range: { start: number; end: number }): { start: number; end: number } {
  const start = Math.min(Math.max(range.start, 0), dom.length);
  return { start, end: Math.min(Math.max(range.end, start), dom.length) };
}

/**
 * Metadata against what the text rules found. The page's date and byline as the metadata chose them
 * (its trust order puts what the page prints beside its meta tags) win over a date or byline line at
 * the top of the text blocks, which stand in when the metadata has none; a different day is a warning.
 */
function applyMetadata(draft: Draft, metadata: PageMetadata, dom: PageDom): void {
  const { publishedAt, byline } = metadata;
  if (publishedAt !== null) {
    const found = draft.publishedAt;
    if (found !== null && found.slice(0, 10) !== publishedAt.value.slice(0, 10)) {
      draft.warnings.push(
        warning(
          'metadata_conflict',
          dom.lineAt(publishedAt.start),
          `publishedAt ${publishedAt.value} (${publishedAt.source}) over ${found} (text)`,
        ),
      );
    }
    draft.publishedAt = publishedAt.value;
    draft.spans.publishedAt = [sourceRange(dom, publishedAt)];
  }
  if (byline !== null && draft.byline === null) {
    draft.byline = byline.value;
    draft.spans.byline = [sourceRange(dom, byline)];
  }
  for (const conflict of metadata.conflicts) {
    draft.warnings.push(
      warning('metadata_conflict', dom.lineAt(conflict.start), `${conflict.field}: ${conflict.message}`),
    );
  }
  draft.pageTags = metadata.keywords;
}

function pageFields(metadata: PageMetadata): PageFields {
  return {
    url: metadata.url,
    siteName: metadata.siteName,
    description: metadata.description,
    image: metadata.image,
  };
}
