import { WARCParser, type WARCRecord } from 'warcio';
import type { ParseOptions } from '../options.ts';
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
  let base = 0;
  for (;;) {
    const counted = counting(source(base));
    // HTTP messages are read here, from the record's block: warcio's own HTTP reading misplaces the
    // end of a record whose headers straddle two chunks of the stream.
    const parser = new WARCParser(counted.chunks, { parseHttp: false });
    // Where the last record read started, and where the damage is when reading stops at one.
    let lastStart = -1;
    let damage: { offset: number; message: string } | null = null;
    try {
      for await (const record of parser) {
        const offset = base + parser.offset;
        progress.records++;
        const event = await readRecord(record, offset, maxBytes, options, progress);
        progress.bytes = Math.max(progress.bytes, base + counted.bytes());
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
        offset: base + parser.offset,
        message: error instanceof Error ? error.message : String(error),
      };
    }
    progress.bytes = Math.max(progress.bytes, base + counted.bytes());
    if (damage === null) return;
    yield { type: 'damaged', offset: damage.offset, message: damage.message, progress: { ...progress } };
    const next = await nextRecordStart(source, Math.max(damage.offset, lastStart, base) + 1);
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
  const total = base + counted.bytes();
  if (counted.done() && total - end <= TRAILING_SLACK) return null;
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
  const type = record.warcType;
  if (type === null || type === undefined) {
    return {
      type: 'damaged',
      offset,
      message: 'a record without WARC headers: truncated or damaged',
      progress: { ...progress },
    };
  }
  const url = record.warcTargetURI ?? undefined;
  if (type !== 'response' && type !== 'resource' && type !== 'conversion') return skip(`a ${type} record`);
  if (record.warcContentLength > maxBytes) return skip(`a record of ${record.warcContentLength} bytes`);
  const block = await record.readFully(false);
  let content = block;
  let contentType = record.warcContentType ?? undefined;
  if (type === 'response') {
    const response = readHttpResponse(block, maxBytes);
    if (response === null) return skip('a response without an HTTP status line');
    if (response.status < 200 || response.status >= 300) return skip(`HTTP status ${response.status}`);
    contentType = response.headers.get('content-type');
    content = response.body;
  }
  const kind = recordKind(contentType, type);
  if (kind === null) return skip(`content of type ${contentType ?? 'unknown'}`);
  const name = url ?? `record at ${offset}`;
  const [result] = readDocument(
    {
      content,
      name,
      contentType: kind,
      ...(url === undefined ? {} : { url }),
      charset: charsetHint(contentType),
    },
    options,
  );
  return { type: 'document', offset, result: result as DocumentResult, progress: { ...progress } };
}

/** The content type to read a record's payload as, or null when it holds no document. */
function recordKind(contentType: string | undefined, type: string): string | null {
  const media = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (media === 'text/html' || media === 'application/xhtml+xml') return 'text/html';
  if (media === 'text/plain' || (type === 'conversion' && media === '')) return 'text/plain';
  return null;
}

function charsetHint(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
}

/** The chunks of a stream, counting the bytes taken and whether the stream ended. */
function counting(chunks: AsyncIterable<Uint8Array>) {
  let bytes = 0;
  let done = false;
  return {
    chunks: (async function* () {
      for await (const chunk of chunks) {
        bytes += chunk.length;
        yield chunk;
      }
      done = true;
    })(),
    bytes: () => bytes,
    done: () => done,
  };
}

/**
 * The offset of the next record at or after `from`: a gzip member's header in a gzipped archive, a
 * `WARC/1.` line in a plain one (the kind is the archive's first bytes'). -1 when there is none.
 */
async function nextRecordStart(source: ArchiveSource, from: number): Promise<number> {
  const first = await firstBytes(source);
  const pattern = first[0] === 0x1f && first[1] === 0x8b ? GZIP_MEMBER : WARC_LINE;
  let position = from;
  let carry = new Uint8Array(0);
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

async function firstBytes(source: ArchiveSource): Promise<Uint8Array> {
  for await (const chunk of source(0)) {
    if (chunk.length >= 2) return chunk;
  }
  return new Uint8Array(0);
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
