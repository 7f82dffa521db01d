import { describe, expect, it } from 'vitest';
import { articlePath, sourcePath, tagPath, withQuery } from './paths.ts';

describe('paths', () => {
  it('keeps Arabic letters readable and encodes what would break the path', () => {
    expect(tagPath('كوريا الشمالية')).toBe('/tags/كوريا%20الشمالية');
    expect(tagPath('a/b?c#d%')).toBe('/tags/a%2Fb%3Fc%23d%25');
    expect(articlePath('عنوانٌ-a7af29')).toBe('/articles/عنوانٌ-a7af29');
    expect(tagPath('ضار\u202eقاتل')).toBe('/tags/ضار%E2%80%AEقاتل');
  });

  it('gives paths that a URL parser reads back to the same name', () => {
    for (const name of ['كوريا الشمالية', 'a/b?c#d%', 'اقتصاد، أعمال']) {
      const path = new URL(tagPath(name), 'http://x').pathname;
      expect(decodeURIComponent(path.slice('/tags/'.length))).toBe(name);
    }
  });

  it('marks publisher pages and keeps that mark when a cursor is added', () => {
    expect(sourcePath('فرانس برس')).toBe('/sources/فرانس%20برس');
    const publisher = sourcePath('الخليج الجديد', 'publisher');
    expect(publisher).toMatch(/\?as=publisher$/);
    expect(withQuery(publisher, { cursor: 'abc' })).toMatch(/\?as=publisher&cursor=abc$/);
  });

  it('leaves out empty parameters', () => {
    expect(withQuery('/search', { q: '', cursor: null })).toBe('/search');
    expect(withQuery('/search', { q: 'روسيا' })).toBe(`/search?q=${encodeURIComponent('روسيا')}`);
  });
});
