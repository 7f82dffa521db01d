import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readHttpResponse } from './http-message.ts';

const encoder = new TextEncoder();
const page = '<html><body><p>نص الخبر</p></body></html>';

function message(head: string, body: Uint8Array | string): Uint8Array {
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  return Uint8Array.from([...encoder.encode(head), ...bytes]);
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('readHttpResponse', () => {
  it('reads the status, the headers (lowercased, repeated ones joined) and the body', () => {
    const response = readHttpResponse(
      message(
        'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nSet-Cookie: a\r\nSet-Cookie: b\r\n\r\n',
        page,
      ),
      1 << 20,
    );
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response?.headers.get('set-cookie')).toBe('a, b');
    expect(text(response?.body)).toBe(page);
  });

  it('de-chunks a chunked body and decompresses gzip', () => {
    const zipped = gzipSync(encoder.encode(page));
    const half = Math.floor(zipped.length / 2);
    const chunked = Uint8Array.from([
      ...encoder.encode(`${half.toString(16)}\r\n`),
      ...zipped.subarray(0, half),
      ...encoder.encode(`\r\n${(zipped.length - half).toString(16)}\r\n`),
      ...zipped.subarray(half),
      ...encoder.encode('\r\n0\r\n\r\n'),
    ]);
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n';
    const response = readHttpResponse(message(head, chunked), 1 << 20);
    expect(text(response?.body)).toBe(page);
    expect(response?.problem).toBeNull();
  });

  it('keeps a body it cannot decompress as sent, with a problem, and bounds what it inflates', () => {
    const broken = readHttpResponse(
      message('HTTP/1.1 200 OK\nContent-Encoding: gzip\n\n', 'not gzip at all'),
      1 << 20,
    );
    expect(text(broken?.body)).toBe('not gzip at all');
    expect(broken?.problem).toMatch(/gzip/);
    const bomb = gzipSync(new Uint8Array(1 << 20));
    const bounded = readHttpResponse(
      message('HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n', bomb),
      1000,
    );
    expect(bounded?.problem).toMatch(/could not be decoded/);
  });

  it('gives null for a block that is no HTTP response', () => {
    expect(readHttpResponse(encoder.encode('GET / HTTP/1.1\r\n\r\n'), 1000)).toBeNull();
    expect(readHttpResponse(encoder.encode('<html>no headers'), 1000)).toBeNull();
    expect(readHttpResponse(new Uint8Array(0), 1000)).toBeNull();
  });
});
