import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@khabar/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WARCRecord, WARCSerializer } from 'warcio';
import { jsonLines, memoryIo } from '../../test/test-io.ts';
import { run } from '../cli.ts';

// Pages, UTF-16 dumps and web archives through `khabar parse` and `khabar ingest`: the one intake.
const paragraph = 'قال المتحدث باسم الوزارة في بيان صدر اليوم، إن العمل في المشروع سيبدأ مطلع الشهر المقبل.';
const pageOf = (title: string, path: string) =>
  `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>${title} - أخبار المدينة</title>` +
  `<link rel="canonical" href="https://news.example${path}"></head><body><nav><a href="/">الرئيسية</a> <a href="/sport">رياضة</a></nav>` +
  `<article><h1>${title}</h1><p>${paragraph}</p><p>${paragraph}</p></article><footer>جميع الحقوق محفوظة</footer></body></html>`;
const short = 'خبر قصير\nنشر في: 18/09/2023\nنص الخبر في سطر واحد.\n';

let dir: string;
let recordStarts: number[] = [];

async function warc(path: string): Promise<void> {
  const encoder = new TextEncoder();
  const records = [
    ['https://news.example/2024/3/5/bridge', pageOf('افتتاح جسر جديد', '/2024/3/5/bridge')],
    ['https://news.example/2024/3/6/rain', pageOf('أمطار غزيرة على المناطق الجنوبية', '/2024/3/6/rain')],
    ['https://news.example/2024/3/7/school', pageOf('بدء التسجيل في المدارس', '/2024/3/7/school')],
  ] as const;
  const parts: Uint8Array[] = [];
  for (const [url, html] of records) {
    const record = WARCRecord.create(
      {
        url,
        type: 'response',
        httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
        statusline: 'HTTP/1.1 200 OK',
      },
      (async function* () {
        yield encoder.encode(html);
      })(),
    );
    parts.push(await WARCSerializer.serialize(record, { gzip: true }));
  }
  recordStarts = [];
  let offset = 0;
  for (const part of parts) {
    recordStarts.push(offset);
    offset += part.length;
  }
  const bytes = Buffer.concat(parts);
  writeFileSync(path, bytes);
  // The same archive with its second record's gzip header overwritten.
  const damaged = Buffer.from(bytes);
  damaged.fill(0x21, recordStarts[1], (recordStarts[1] as number) + 10);
  writeFileSync(join(dir, 'damaged.warc.gz'), damaged);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'khabar-documents-'));
  writeFileSync(join(dir, 'page.html'), pageOf('افتتاح جسر جديد', '/2024/3/5/bridge'));
  writeFileSync(
    join(dir, 'utf16.txt'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(short, 'utf16le')]),
  );
  await warc(join(dir, 'crawl.warc.gz'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('khabar parse on pages and archives', () => {
  it('prints one article line for an HTML page, with its canonical URL', async () => {
    const { io, stdout } = memoryIo({ cwd: dir });
    expect(await run(['parse', 'page.html'], io)).toBe(0);
    const lines = jsonLines(stdout());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      title: 'افتتاح جسر جديد',
      url: 'https://news.example/2024/3/5/bridge',
      body: [paragraph, paragraph],
    });
  });

  it('prints each page of a web archive, and an error line for a damaged record with its offset', async () => {
    const whole = memoryIo({ cwd: dir });
    expect(await run(['parse', 'crawl.warc.gz'], whole.io)).toBe(0);
    expect(jsonLines(whole.stdout()).map((line) => line.title)).toEqual([
      'افتتاح جسر جديد',
      'أمطار غزيرة على المناطق الجنوبية',
      'بدء التسجيل في المدارس',
    ]);
    const damaged = memoryIo({ cwd: dir });
    expect(await run(['parse', 'damaged.warc.gz'], damaged.io)).toBe(1);
    const lines = jsonLines(damaged.stdout());
    expect(lines.map((line) => line.title ?? (line.error as { code: string }).code)).toEqual([
      'افتتاح جسر جديد',
      'damaged_record',
      'بدء التسجيل في المدارس',
    ]);
    expect(lines[1]?.file).toBe(`damaged.warc.gz@${recordStarts[1]}`);
  });
});

describe('khabar ingest on pages and archives', () => {
  it('stores a UTF-16 dump as khabar parse reads it', async () => {
    const { io, stdout } = memoryIo({ cwd: dir });
    expect(await run(['ingest', 'utf16.txt', '--db', 'utf16.db'], io)).toBe(0);
    expect(stdout()).toContain('added 1, updated 0, unchanged 0, failed 0');
  });

  it('stores the pages of an archive, reports progress in records and bytes, and goes on past damage', async () => {
    const { io, stdout, stderr } = memoryIo({ cwd: dir });
    expect(
      await run(['ingest', 'damaged.warc.gz', 'page.html', '--db', 'crawl.db', '--batch', '1'], io),
    ).toBe(1);
    const [summary, failure] = stdout().split('\n');
    expect(summary).toMatch(/added 2, updated 0, unchanged 1, failed 1$/);
    expect(failure).toBe(
      `  failed damaged.warc.gz@${recordStarts[1]}: a damaged or truncated record; the archive is read on from the next record`,
    );
    expect(stderr()).toMatch(
      /^0\/2 files \(damaged\.warc\.gz: \d records, [\d.]+ of [\d.]+ MB\): added \d,/m,
    );
    const store = await openStore(join(dir, 'crawl.db'));
    try {
      const titles = (await store.list({ limit: 10 })).items.map((item) => item.title).sort();
      expect(titles).toEqual(['افتتاح جسر جديد', 'بدء التسجيل في المدارس']);
    } finally {
      await store.close();
    }
  });
});
