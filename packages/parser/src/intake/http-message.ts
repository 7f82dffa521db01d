import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/** An HTTP response as a web archive keeps it: status, headers (names lowercased) and the body as sent. */
export interface HttpResponse {
  status: number;
  headers: Map<string, string>;
  body: Uint8Array;
  /** Set when the body could not be decoded from its transfer or content encoding; the body is then as sent. */
  problem: string | null;
}

// Headers longer than this are not an HTTP response's.
const MAX_HEAD = 64 * 1024;
const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/;

/**
 * Reads the HTTP response a WARC response record holds: the status line and headers up to the blank
 * line, then the body, de-chunked and decompressed (gzip, deflate, br) as a browser would. Null when
 * the block does not start with an HTTP status line. `maxBytes` bounds a decompressed body.
 */
export function readHttpResponse(block: Uint8Array, maxBytes: number): HttpResponse | null {
  const headEnd = blankLine(block);
  if (headEnd === null) return null;
  const lines = new TextDecoder('latin1').decode(block.subarray(0, headEnd.start)).split(/\r?\n/);
  const status = STATUS_LINE.exec(lines[0] ?? '');
  if (status === null) return null;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  let body = block.subarray(headEnd.end);
  let problem: string | null = null;
  if (/\bchunked\b/i.test(headers.get('transfer-encoding') ?? '')) body = dechunked(body);
  const encoding = (headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') {
    const decoded = decompressed(body, encoding, maxBytes);
    if (decoded === null) problem = `a body in content encoding '${encoding}' that could not be decoded`;
    else body = decoded;
  }
  return { status: Number(status[1]), headers, body, problem };
}

function blankLine(block: Uint8Array): { start: number; end: number } | null {
  const limit = Math.min(block.length, MAX_HEAD);
  for (let index = 0; index < limit; index++) {
    if (block[index] !== 0x0a) continue;
    if (block[index + 1] === 0x0a) return { start: index, end: index + 2 };
    if (block[index + 1] === 0x0d && block[index + 2] === 0x0a) return { start: index, end: index + 3 };
  }
  return null;
}

/** A chunked body's data; a malformed or cut chunk ends it with what was read. */
function dechunked(body: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let position = 0;
  while (position < body.length) {
    const lineEnd = body.indexOf(0x0a, position);
    if (lineEnd < 0) break;
    const size = Number.parseInt(
      new TextDecoder('latin1').decode(body.subarray(position, lineEnd)).trim(),
      16,
    );
    if (!Number.isFinite(size) || size <= 0) break;
    const start = lineEnd + 1;
    parts.push(body.subarray(start, Math.min(body.length, start + size)));
    position = start + size;
    // The line end after the chunk's data.
    if (body[position] === 0x0d) position++;
    if (body[position] === 0x0a) position++;
  }
  const joined = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

function decompressed(body: Uint8Array, encoding: string, maxBytes: number): Uint8Array | null {
  const options = { maxOutputLength: maxBytes };
  const attempts: (() => Uint8Array)[] =
    encoding === 'br'
      ? [() => brotliDecompressSync(body, options)]
      : encoding === 'deflate'
        ? [() => inflateSync(body, options), () => inflateRawSync(body, options)]
        : encoding === 'gzip' || encoding === 'x-gzip'
          ? [() => gunzipSync(body, options)]
          : [];
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch {
      // The next way of reading it, or none.
    }
  }
  return null;
}
