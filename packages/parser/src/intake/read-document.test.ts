import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../parse-article.ts';
import { type DocumentResult, readDocument } from './read-document.ts';

const seed = readFileSync(new URL('../../../../seeds/000_eaf3ae8403d3c001.txt', import.meta.url));
const short = 'خبر قصير\nنشر في: 18/09/2023\nنص الخبر في سطر واحد.\n';
const paragraph = 'قال المتحدث باسم الوزارة في بيان صدر اليوم، إن العمل في المشروع سيبدأ مطلع الشهر المقبل.';
const page = `<!doctype html><html lang="ar"><head><title>افتتاح جسر جديد | أخبار المدينة</title></head>
<body><nav><a href="/">الرئيسية</a></nav><article><h1>افتتاح جسر جديد</h1><p>${paragraph}</p><p>${paragraph}</p></article></body></html>`;

function article(result: DocumentResult | undefined) {
  if (result === undefined || !result.ok)
    throw new Error(`expected an article, got ${JSON.stringify(result)}`);
  return result.article;
}

describe('readDocument', () => {
  it('reads a text dump as parseArticle does, hashing the bytes as given', () => {
    const [result] = readDocument({ content: seed, name: 'seed.txt' });
    const parsed = parseArticle(seed.toString('utf8'));
    expect(parsed.ok && article(result)).toEqual(parsed.ok && parsed.article);
    expect(result?.source).toBe('seed.txt');
  });

  it('reads a UTF-16 text dump as its UTF-8 twin, whatever the name', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(short, 'utf16le')]);
    const twin = article(readDocument({ content: Buffer.from(short), name: 'a.txt' })[0]);
    expect(article(readDocument({ content: utf16, name: 'b.txt' })[0])).toEqual(twin);
    expect(article(readDocument({ content: utf16 })[0])).toEqual(twin);
  });

  it('reads a page by its name, its content type or its first bytes', () => {
    for (const input of [
      { content: Buffer.from(page), name: 'story.html' },
      { content: Buffer.from(page), contentType: 'text/html; charset=utf-8' },
      { content: Buffer.from(page), name: 'saved-page.txt' },
      { content: page },
    ]) {
      const read = article(readDocument(input)[0]);
      expect(read.title).toBe('افتتاح جسر جديد');
      expect(read.body).toEqual([paragraph, paragraph]);
    }
  });

  it('gives a page the URL it was fetched from', () => {
    const read = article(
      readDocument({
        content: page,
        contentType: 'text/html',
        url: 'https://news.example/2024/3/5/bridge',
      })[0],
    );
    expect(read.url).toBe('https://news.example/2024/3/5/bridge');
  });

  it('reads JSON articles: one, an array, one per line, each checked and named', () => {
    const one = article(readDocument({ content: short })[0]);
    const json = JSON.stringify(one);
    expect(article(readDocument({ content: json, name: 'a.json' })[0])).toEqual(one);
    const array = readDocument({ content: `[${json}, {"title": ""}]`, name: 'b.json' });
    expect(array.map((result) => [result.source, result.ok])).toEqual([
      ['b.json#1', true],
      ['b.json#2', false],
    ]);
    const lines = readDocument({
      content: `${json}\n\n{"id": "broken\n{"file": "x.txt", "error": {"code": "empty_input", "message": "The input is empty."}}\n`,
      name: 'c.jsonl',
    });
    expect(lines.map((result) => [result.source, result.ok ? 'ok' : result.error.code])).toEqual([
      ['c.jsonl:1', 'ok'],
      ['c.jsonl:3', 'not_json'],
      ['c.jsonl:4', 'not_an_article'],
    ]);
    expect(lines[2]?.ok === false && lines[2].error.message).toMatch(
      /x\.txt was not parsed: The input is empty\./,
    );
  });

  it('brings JSON articles of older versions up to the model: appended articles get their identity', () => {
    const seedArticle = article(readDocument({ content: seed })[0]);
    const older = {
      ...seedArticle,
      related: seedArticle.related.map(({ title, publishedAt, body }) => ({ title, publishedAt, body })),
    };
    const {
      url: _url,
      siteName: _siteName,
      description: _description,
      image: _image,
      ...withoutPageFields
    } = older;
    expect(
      article(readDocument({ content: JSON.stringify(withoutPageFields), name: 'old.json' })[0]),
    ).toEqual(seedArticle);
  });

  it('refuses binary data, empty input and an archive with catalogued errors', () => {
    const binary = Uint8Array.from({ length: 512 }, (_, index) => (index * 31) % 256);
    expect(readDocument({ content: binary, name: 'x.txt' })[0]).toMatchObject({
      ok: false,
      error: { code: 'binary_input' },
    });
    expect(readDocument({ content: binary, name: 'x.html' })[0]).toMatchObject({
      ok: false,
      error: { code: 'binary_input' },
    });
    expect(readDocument({ content: new Uint8Array(0) })[0]).toMatchObject({
      ok: false,
      error: { code: 'empty_input' },
    });
    expect(readDocument({ content: 'WARC/1.1\r\n', name: 'c.warc' })[0]).toMatchObject({
      ok: false,
      error: { code: 'archive_input' },
    });
    expect(readDocument({ content: 42 as unknown as string })[0]).toMatchObject({
      ok: false,
      error: { code: 'not_a_string' },
    });
  });

  it('keeps an article from bytes that do not fit their charset, with a warning', () => {
    const bytes = Buffer.concat([Buffer.from(short), Buffer.from([0xff])]);
    const read = article(readDocument({ content: bytes, name: 'a.txt' })[0]);
    expect(read.title).toBe('خبر قصير');
    expect(read.warnings[0]).toMatchObject({ code: 'charset_problem', line: null });
  });

  it('reads a windows-1256 page by its meta charset', () => {
    const head = Buffer.from('<html><head><meta charset="windows-1256"></head><body><h1>', 'latin1');
    const title = Buffer.from([0xc7, 0xe1, 0xd3, 0xe1, 0xc7, 0xe3]);
    const read = article(
      readDocument({ content: Buffer.concat([head, title, Buffer.from('</h1></body></html>')]) })[0],
    );
    expect(read.title).toBe('السلام');
    expect(read.warnings.some((item) => item.code === 'charset_problem')).toBe(false);
  });
});
