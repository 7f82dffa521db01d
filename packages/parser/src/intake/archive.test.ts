import { describe, expect, it } from 'vitest';
import { WARCRecord, WARCSerializer } from 'warcio';
import { type ArchiveEvent, type ArchiveSource, readArchive } from './archive.ts';

const encoder = new TextEncoder();
const paragraph = 'قال المتحدث باسم الوزارة في بيان صدر اليوم، إن العمل في المشروع سيبدأ مطلع الشهر المقبل.';

function page(title: string): string {
  return `<!doctype html><html lang="ar"><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${paragraph}</p><p>${paragraph}</p></article></body></html>`;
}

interface RecordSpec {
  type: 'warcinfo' | 'request' | 'response' | 'conversion';
  url: string;
  body: Uint8Array | string;
  contentType?: string;
  status?: string;
}

async function serialize(spec: RecordSpec, gzip: boolean): Promise<Uint8Array> {
  const body = typeof spec.body === 'string' ? encoder.encode(spec.body) : spec.body;
  const record = WARCRecord.create(
    {
      url: spec.url,
      type: spec.type,
      warcHeaders: spec.type === 'conversion' ? { 'Content-Type': spec.contentType ?? 'text/plain' } : {},
      ...(spec.type === 'response' || spec.type === 'request'
        ? {
            httpHeaders: { 'Content-Type': spec.contentType ?? 'text/html' },
            statusline: spec.type === 'response' ? `HTTP/1.1 ${spec.status ?? '200 OK'}` : 'GET / HTTP/1.1',
          }
        : {}),
    },
    (async function* () {
      yield body;
    })(),
  );
  return WARCSerializer.serialize(record, { gzip });
}

async function archive(specs: RecordSpec[], gzip: boolean): Promise<{ bytes: Uint8Array; starts: number[] }> {
  const parts = await Promise.all(specs.map((spec) => serialize(spec, gzip)));
  const bytes = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  const starts: number[] = [];
  let offset = 0;
  for (const part of parts) {
    starts.push(offset);
    bytes.set(part, offset);
    offset += part.length;
  }
  return { bytes, starts };
}

/** A seekable source over bytes, handing them out in small chunks as a file stream would. */
function sourceOf(bytes: Uint8Array, chunk = 97): ArchiveSource {
  return async function* (offset) {
    for (let at = offset; at < bytes.length; at += chunk)
      yield bytes.subarray(at, Math.min(bytes.length, at + chunk));
  };
}

async function events(bytes: Uint8Array): Promise<ArchiveEvent[]> {
  const seen: ArchiveEvent[] = [];
  for await (const event of readArchive(sourceOf(bytes))) seen.push(event);
  return seen;
}

// السلام in windows-1256, as the headline of a page served in that charset.
const cp1256Title = [0xc7, 0xe1, 0xd3, 0xe1, 0xc7, 0xe3];
function cp1256Page(): Uint8Array {
  const ascii = (text: string) => [...encoder.encode(text)];
  return Uint8Array.from([
    ...ascii('<html><head><title>'),
    ...cp1256Title,
    ...ascii('</title></head><body><h1>'),
    ...cp1256Title,
    ...ascii('</h1></body></html>'),
  ]);
}

const mixed: RecordSpec[] = [
  { type: 'warcinfo', url: 'urn:info', body: 'software: test' },
  { type: 'request', url: 'https://news.example/a', body: '' },
  { type: 'response', url: 'https://news.example/a', body: page('افتتاح جسر جديد في المدينة') },
  {
    type: 'response',
    url: 'https://news.example/logo.png',
    body: Uint8Array.from([0x89, 0x50, 0x4e, 0x47]),
    contentType: 'image/png',
  },
  { type: 'response', url: 'https://news.example/gone', body: page('غير موجود'), status: '404 Not Found' },
  {
    type: 'response',
    url: 'https://news.example/b',
    body: cp1256Page(),
    contentType: 'text/html; charset=windows-1256',
  },
  {
    type: 'conversion',
    url: 'https://news.example/c',
    body: `أمطار غزيرة على المناطق الجنوبية\nنشر في: 2024-01-05\n${paragraph}\n`,
  },
];

describe.each([false, true])('readArchive (gzip: %s)', (gzip) => {
  it('reads HTML responses as pages and WET conversions as text, and skips the other records', async () => {
    const { bytes, starts } = await archive(mixed, gzip);
    const seen = await events(bytes);
    expect(seen.map((event) => event.type)).toEqual([
      'skipped',
      'skipped',
      'document',
      'skipped',
      'skipped',
      'document',
      'document',
    ]);
    const documents = seen.flatMap((event) =>
      event.type === 'document' && event.result.ok ? [event.result] : [],
    );
    expect(documents.map((document) => document.article.title)).toEqual([
      'افتتاح جسر جديد في المدينة',
      'السلام',
      'أمطار غزيرة على المناطق الجنوبية',
    ]);
    expect(documents[0]?.article.url).toBe('https://news.example/a');
    expect(documents[0]?.source).toBe('https://news.example/a');
    expect(documents[2]?.article.publishedAt).toBe('2024-01-05T00:00:00');
    const last = seen.at(-1) as ArchiveEvent;
    expect(last.progress.records).toBe(7);
    expect(last.progress.bytes).toBeGreaterThan(starts[6] as number);
    expect(last.progress.bytes).toBeLessThanOrEqual(bytes.length);
  });

  it('reports a truncated last record with its offset and keeps the records before it', async () => {
    const { bytes, starts } = await archive(mixed, gzip);
    const cut = (starts[6] as number) + 60;
    const seen = await events(bytes.subarray(0, cut));
    const damaged = seen.filter((event) => event.type === 'damaged');
    expect(damaged).toHaveLength(1);
    expect(damaged[0]?.offset).toBe(starts[6]);
    expect(seen.filter((event) => event.type === 'document' && event.result.ok)).toHaveLength(2);
  });

  it('skips a damaged record in the middle and reads on after it', async () => {
    const { bytes, starts } = await archive(mixed, gzip);
    const broken = new Uint8Array(bytes);
    // Overwrite the start of the sixth record: its WARC headers, or its gzip member's header.
    broken.fill(0x21, starts[5] as number, (starts[5] as number) + 200);
    const seen = await events(broken);
    const titles = seen.flatMap((event) =>
      event.type === 'document' && event.result.ok ? [event.result.article.title] : [],
    );
    expect(titles).toEqual(['افتتاح جسر جديد في المدينة', 'أمطار غزيرة على المناطق الجنوبية']);
    const damaged = seen.filter((event) => event.type === 'damaged');
    expect(damaged.length).toBeGreaterThanOrEqual(1);
    expect(damaged[0]?.offset).toBe(starts[5]);
  });
});

describe('readArchive on what is not an archive', () => {
  it('reports bytes with no record at all as damage and ends', async () => {
    const seen = await events(encoder.encode('this is not a web archive\n'.repeat(20)));
    expect(seen.every((event) => event.type === 'damaged')).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(1);
  });

  it('gives a binary record claiming to be HTML an error result, not a crash', async () => {
    const binary = new Uint8Array(4000);
    for (let index = 0; index < binary.length; index++) binary[index] = (index * 7919) % 256;
    const { bytes } = await archive(
      [{ type: 'response', url: 'https://news.example/x', body: binary }],
      false,
    );
    const [event] = await events(bytes);
    expect(event?.type).toBe('document');
    if (event?.type === 'document')
      expect(event.result).toMatchObject({ ok: false, error: { code: 'binary_input' } });
  });

  it('skips a record larger than the limit without reading it', async () => {
    const { bytes } = await archive(
      [{ type: 'response', url: 'https://news.example/big', body: page('x'.repeat(5000)) }],
      false,
    );
    const seen: ArchiveEvent[] = [];
    for await (const event of readArchive(sourceOf(bytes), { maxRecordBytes: 1000 })) seen.push(event);
    expect(seen).toMatchObject([{ type: 'skipped', reason: expect.stringMatching(/bytes/) }]);
  });
});

describe('readArchive on hostile and cut archives', () => {
  /** A plain WARC record written by hand, so that its parts can be broken at will. */
  function rawRecord(type: string, url: string, block: string | Uint8Array): Uint8Array {
    const body = typeof block === 'string' ? encoder.encode(block) : block;
    const head = encoder.encode(
      `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${url}\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    return Uint8Array.from([...head, ...body, ...encoder.encode('\r\n\r\n')]);
  }
  const response = (url: string, html: string, headers = 'Content-Type: text/html') =>
    rawRecord('response', url, `HTTP/1.1 200 OK\r\n${headers}\r\n\r\n${html}`);
  const join = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

  it('ends with damage, not a hang, when the archive stops inside a record it skips', async () => {
    const request = rawRecord(
      'request',
      'https://news.example/a',
      `GET /a HTTP/1.1\r\n\r\n${'x'.repeat(5000)}`,
    );
    const whole = join([response('https://news.example/a', page('افتتاح جسر جديد في المدينة')), request]);
    const seen = await events(whole.subarray(0, whole.length - 100));
    expect(seen.map((event) => event.type)).toEqual(['document', 'damaged']);
    expect(seen[1]).toMatchObject({ message: expect.stringMatching(/truncated record/) });
  });

  it('closes the source when the reader stops early, and after each damaged part', async () => {
    let open = 0;
    const bytes = join([
      response('https://news.example/a', page('افتتاح جسر جديد في المدينة')),
      encoder.encode('garbage between records\r\n'),
      response('https://news.example/b', page('أمطار غزيرة على المناطق الجنوبية')),
    ]);
    const source: ArchiveSource = (offset) =>
      (async function* () {
        open++;
        try {
          yield* sourceOf(bytes)(offset);
        } finally {
          open--;
        }
      })();
    for await (const event of readArchive(source)) if (event.type === 'document') break;
    expect(open).toBe(0);
    for await (const _event of readArchive(source)) expect(open).toBeLessThanOrEqual(1);
    expect(open).toBe(0);
  });

  it('gives up on bytes that hold no record header within a bound, as damage', async () => {
    const noise = new Uint8Array(6 << 20).fill(0x41);
    const bytes = join([noise, response('https://news.example/a', page('افتتاح جسر جديد في المدينة'))]);
    const seen = await events(bytes);
    expect(seen[0]).toMatchObject({
      type: 'damaged',
      message: expect.stringMatching(/no WARC record header/),
    });
    expect(seen.at(-1)).toMatchObject({ type: 'document' });
  });

  it('skips a body that cannot be decompressed with its reason, and sniffs a page with no content type', async () => {
    const seen = await events(
      join([
        response(
          'https://news.example/a',
          'not gzip at all',
          'Content-Type: text/html\r\nContent-Encoding: gzip',
        ),
        response('https://news.example/b', page('أمطار غزيرة على المناطق الجنوبية'), 'Server: test'),
      ]),
    );
    expect(seen[0]).toMatchObject({
      type: 'skipped',
      reason: expect.stringMatching(/content encoding 'gzip'/),
    });
    expect(seen[1]).toMatchObject({
      type: 'document',
      result: { ok: true, article: { title: 'أمطار غزيرة على المناطق الجنوبية' } },
    });
  });
});
