import { describe, expect, it } from 'vitest';
import { kindOfMediaType, kindOfName, sniffKind } from './detect.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('document kinds', () => {
  it('tells the kind from the name, longest extension first', () => {
    expect(kindOfName('pages/Story.HTML')).toBe('html');
    expect(kindOfName('crawl.warc.gz')).toBe('archive');
    expect(kindOfName('CC-MAIN.wet.gz')).toBe('archive');
    expect(kindOfName('dump.txt')).toBe('text');
    expect(kindOfName('articles.jsonl')).toBe('jsonl');
    expect(kindOfName('notes.md')).toBeNull();
    expect(kindOfName('archive.gz')).toBeNull();
  });

  it('tells the kind from a content type, parameters and case aside', () => {
    expect(kindOfMediaType('Text/HTML; charset=windows-1256')).toBe('html');
    expect(kindOfMediaType('application/problem+json')).toBe('json');
    expect(kindOfMediaType('application/x-ndjson')).toBe('jsonl');
    expect(kindOfMediaType('image/png')).toBeNull();
    expect(kindOfMediaType(undefined)).toBeNull();
  });

  it('sees a page in its first bytes, after white space, a BOM and comments', () => {
    expect(sniffKind(bytes('<!DOCTYPE html><html>'))).toBe('html');
    expect(sniffKind(bytes('\uFEFF\n  <html lang="ar">'))).toBe('html');
    expect(sniffKind(bytes('<!-- saved from url=(0042) -->\n<html>'))).toBe('html');
    expect(sniffKind(bytes('<head><meta charset="utf-8">'))).toBe('html');
  });

  it('sees a web archive by its first line or by gzip', () => {
    expect(sniffKind(bytes('WARC/1.1\r\nWARC-Type: warcinfo'))).toBe('archive');
    expect(sniffKind(Uint8Array.from([0x1f, 0x8b, 0x08, 0]))).toBe('archive');
  });

  it('takes anything else for a text dump, also text that mentions tags', () => {
    expect(sniffKind(bytes('عنوان الخبر\nنص <html> في سطر.'))).toBe('text');
    expect(sniffKind(bytes('<3 عنوان'))).toBe('text');
    expect(sniffKind(new Uint8Array(0))).toBe('text');
  });

  it('sees a page saved as UTF-16', () => {
    const text = '<html><body>';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let index = 0; index < text.length; index++) utf16[2 + index * 2] = text.charCodeAt(index);
    expect(sniffKind(utf16)).toBe('html');
  });
});
