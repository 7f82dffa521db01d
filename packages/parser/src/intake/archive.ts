import { WARCParser, type WARCRecord } from 'warcio';
import type { ParseOptions } from '../options.ts';
import { kindOfMediaType, mediaTypeOf, sniffKind } from './detect.ts';
import { readHttpResponse } from './http-message.ts';
import { type DocumentResult, readDocument } from './read-document.ts';

/**
 * A web archive's bytes from an offset on. Reading starts at 0; after a damaged record the reader asks
 * again from a later offset to find the next record. A source that cannot seek (standard input)
 * yields nothing for an offset above 0, and the reading then stops at the damage.
 */
export type ArchiveSource = (offset: number) => AsyncIterable<Uint8Array>;

/** What reading an archive gives, record by record, with the progress so far. */
export type ArchiveEvent =
  /** A record that held a document: its article, or why it has none. */
  | { type: 'document'; offset: number; result: DocumentResult; progress: ArchiveProgress }
  /** A record with no document to read (a request, metadata, an image, a redirect…). */
  | { type: 'skipped'; offset: number; reason: string; progress: ArchiveProgress }
  /** A damaged or truncated part of the archive, left out; reading goes on after it. */
  | { type: 'damaged'; offset: number; message: string; progress: ArchiveProgress };

export interface ArchiveProgress {
  /** Records read so far, including skipped ones. */
  records: number;
  /** Bytes of the archive (as stored, compressed or not) read so far. */
  bytes: number;
}

export interface ArchiveOptions extends ParseOptions {
  /** Largest record payload read, in bytes; a larger one is skipped so memory stays bounded. */
  maxRecordBytes?: number;
}

const MAX_RECORD_BYTES = 16 << 20;
const GZIP_MEMBER = [0x1f, 0x8b, 0x08];
const WARC_LINE = [...new TextEncoder().encode('WARC/1.')];
// Bytes a gap may hold after the last record without being damage: the trailing line ends.
const TRAILING_SLACK = 4;
// Bytes read past the end of a record's block before the next record's headers must have started.
const GAP_BYTES = 4 << 20;

/**
 * Reads the documents of a web archive (WARC or WET, plain or gzipped), one record at a time so that
 * memory stays flat for archives of any size. HTML responses go to the page reader, with the charset
 * of their HTTP header; WET conversion records and plain-text responses to the full-page text reader;
 * each with the record's target URI as the page's URL.
 */
export async function* readArchive(
  source: ArchiveSource,
  options: ArchiveOptions = {},
): AsyncGenerator<ArchiveEvent> {
  const progress: ArchiveProgress = { records: 0, bytes: 0 };
  const maxBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  const gzipped = await isGzipped(source);
  let base = 0;
  for (;;) {
    const counted = counting(source(base), base);
    // HTTP messages are read here, from the record's block: warcio's own HTTP reading misplaces the
    // end of a record whose headers straddle two chunks of the stream.
    const parser = new WARCParser(counted.chunks, { parseHttp: false });
    // Where the last record read started, and where the damage is when reading stops at one.
    let lastStart = -1;
    let damage: { offset: number; message: string } | null = null;
    try {
      for await (const record of parser) {
        const offset = base + parser.offset;
        // The record's block may be read, and a few header lines past it; no more before the next
        // record's headers, so bytes that are no archive are never gathered without end.
        counted.allow(offset + Math.max(0, record.warcContentLength || 0) + GAP_BYTES);
        progress.records++;
        const event = await readRecord(record, offset, maxBytes, options, progress);
        progress.bytes = Math.max(progress.bytes, counted.position());
        if (event.type === 'damaged') {
          damage = event;
          break;
        }
        lastStart = offset;
        yield event;
      }
      if (damage === null) damage = trailingDamage(base, parser, lastStart, counted);
    } catch (error) {
      damage = {
        offset: Math.max(base + parser.offset, lastStart + 1),
        message: error instanceof Error ? error.message : String(error),
      };
    } finally {
      // Closes the source, also when the caller stops early or the read stopped at damage.
      await counted.chunks.return(undefined);
    }
    progress.bytes = Math.max(progress.bytes, counted.position());
    if (damage === null) return;
    yield { type: 'damaged', offset: damage.offset, message: damage.message, progress: { ...progress } };
    const next = await nextRecordStart(source, Math.max(damage.offset, lastStart, base) + 1, gzipped);
    if (next < 0) return;
    base = next;
  }
}

/**
 * The damage that ended a read without an error: bytes the parser never reached, or a last record it
 * started and gave up on (a truncated gzip member ends the read silently). Null when the archive ended
 * cleanly after its last record.
 */
function trailingDamage(
  base: number,
  parser: WARCParser,
  lastStart: number,
  counted: ReturnType<typeof counting>,
): { offset: number; message: string } | null {
  const position = base + parser.offset;
  // Still at the last record read: the archive ends where that record does.
  const end = position === lastStart ? position + parser.recordLength : position;
  if (counted.done() && counted.position() - end <= TRAILING_SLACK) return null;
  return {
    offset: end,
    message: 'a damaged or truncated record; the archive is read on from the next record',
  };
}

async function readRecord(
  record: WARCRecord,
  offset: number,
  maxBytes: number,
  options: ArchiveOptions,
  progress: ArchiveProgress,
): Promise<ArchiveEvent> {
  const skip = (reason: string): ArchiveEvent => ({
    type: 'skipped',
    offset,
    reason,
    progress: { ...progress },
  });
  const damaged = (message: string): ArchiveEvent => ({
    type: 'damaged',
    offset,
    message,
    progress: { ...progress },
  });
  const type = record.warcType;
  if (type === null || type === undefined)
    return damaged('a record without WARC headers: truncated or damaged');
  const url = record.warcTargetURI ?? undefined;
  const wanted = type === 'response' || type === 'resource' || type === 'conversion';
  const declared = record.warcContentLength;
  // Every record's block is read here, kept only when it is wanted and small enough: warcio's own
  // skipping never ends on a stream that stops inside the record.
  const block = await readBlock(record, wanted && declared <= maxBytes ? maxBytes : 0);
  if (block.length < declared) return damaged(`a truncated record: ${block.length} of ${declared} bytes`);
  if (!wanted) return skip(`a ${type} record`);
  if (declared > maxBytes) return skip(`a record of ${declared} bytes`);
  let content = block.bytes;
  let contentType = record.warcContentType ?? undefined;
  if (type === 'response') {
    const response = readHttpResponse(content, maxBytes);
    if (response === null) return skip('a response without an HTTP status line');
    if (response.status < 200 || response.status >= 300) return skip(`HTTP status ${response.status}`);
    if (response.problem !== null) return skip(response.problem);
    contentType = response.headers.get('content-type');
    content = response.body;
  }
  if (!holdsDocument(contentType, type, content)) return skip(`content of type ${contentType ?? 'unknown'}`);
  // A WET conversion record names no type: its text is a full page's. Otherwise the intake reads the
  // kind and the charset from the record's own content type, or from the bytes when it has none.
  const readAs = contentType ?? (type === 'conversion' ? 'text/plain' : undefined);
  const [result] = readDocument(
    {
      content,
      name: url ?? `record at ${offset}`,
      ...(readAs === undefined ? {} : { contentType: readAs }),
      ...(url === undefined ? {} : { url }),
    },
    options,
  );
  return { type: 'document', offset, result: result as DocumentResult, progress: { ...progress } };
}

/** A record's block, read to its end; its bytes kept up to `keep` bytes, the rest only counted. */
async function readBlock(record: WARCRecord, keep: number): Promise<{ bytes: Uint8Array; length: number }> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of record) {
    if (length + chunk.length <= keep) parts.push(chunk);
    length += chunk.length;
  }
  if (length > keep) return { bytes: new Uint8Array(0), length };
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { bytes, length };
}

/**
 * Whether a record's payload is a document: a page or text by its content type, a WET conversion, or,
 * with no content type, a payload that starts like a page.
 */
function holdsDocument(contentType: string | undefined, type: string, content: Uint8Array): boolean {
  const kind = kindOfMediaType(contentType);
  if (kind === 'html' || kind === 'text') return true;
  if (mediaTypeOf(contentType) !== '') return false;
  return type === 'conversion' || sniffKind(content.subarray(0, 1024)) === 'html';
}

/**
 * The chunks of a stream from `base` on, counting the bytes taken and whether the stream ended, and
 * refusing to go past the position `allow` last set: the reader then fails there, as at damage.
 */
function counting(chunks: AsyncIterable<Uint8Array>, base: number) {
  let position = base;
  let limit = base + GAP_BYTES;
  let done = false;
  return {
    chunks: (async function* () {
      for await (const chunk of chunks) {
        if (position > limit) throw new Error(`no WARC record header within ${GAP_BYTES} bytes`);
        position += chunk.length;
        yield chunk;
      }
      done = true;
    })(),
    position: () => position,
    done: () => done,
    allow: (until: number) => {
      limit = Math.max(limit, until);
    },
  };
}

/**
 * The offset of the next record at or after `from`: a gzip member's header in a gzipped archive, a
 * `WARC/1.` line in a plain one (the kind is the archive's first bytes'). -1 when there is none.
 */
async function nextRecordStart(source: ArchiveSource, from: number, gzipped: boolean): Promise<number> {
  const pattern = gzipped ? GZIP_MEMBER : WARC_LINE;
  let position = from;
  let carry: Uint8Array = new Uint8Array(0);
  for await (const chunk of source(from)) {
    const window = concat(carry, chunk);
    const found = indexOf(window, pattern);
    if (found >= 0) return position - carry.length + found;
    const keep = Math.min(window.length, pattern.length - 1);
    carry = window.slice(window.length - keep);
    position += chunk.length;
  }
  return -1;
}

/** Whether the archive is gzipped: its first bytes are gzip's magic. */
async function isGzipped(source: ArchiveSource): Promise<boolean> {
  for await (const chunk of source(0)) {
    if (chunk.length >= 2) return chunk[0] === 0x1f && chunk[1] === 0x8b;
  }
  return false;
}

function concat(left: Uint8Array, right: Uint8Array): Uint8Array {
  if (left.length === 0) return right;
  const joined = new Uint8Array(left.length + right.length);
  joined.set(left);
  joined.set(right, left.length);
  return joined;
}

function indexOf(haystack: Uint8Array, needle: readonly number[]): number {
  const [head] = needle;
  for (let at = haystack.indexOf(head as number); at >= 0; at = haystack.indexOf(head as number, at + 1)) {
    if (at + needle.length > haystack.length) return -1;
    let matches = true;
    for (let index = 1; index < needle.length && matches; index++)
      matches = haystack[at + index] === needle[index];
    if (matches) return at;
  }
  return -1;
}
