import { describe, expect, it } from 'vitest';
import { articlePath, sourcePath, tagPath, withQuery } from './paths.ts';

describe('paths', () => {
  it('encodes Arabic names and spaces into one path segment', () => {
    expect(decodeURI(tagPath('كوريا الشمالية'))).toBe('/tags/كوريا الشمالية');
    expect(tagPath('a/b?c')).toBe('/tags/a%2Fb%3Fc');
    expect(articlePath('عنوان-a7af29')).toBe(`/articles/${encodeURIComponent('عنوان-a7af29')}`);
  });

  it('marks publisher pages and keeps that mark when a cursor is added', () => {
    expect(sourcePath('فرانس برس')).toBe(`/sources/${encodeURIComponent('فرانس برس')}`);
    const publisher = sourcePath('الخليج الجديد', 'publisher');
    expect(publisher).toMatch(/\?as=publisher$/);
    expect(withQuery(publisher, { cursor: 'abc' })).toMatch(/\?as=publisher&cursor=abc$/);
  });

  it('leaves out empty parameters', () => {
    expect(withQuery('/search', { q: '', cursor: null })).toBe('/search');
    expect(withQuery('/search', { q: 'روسيا' })).toBe(`/search?q=${encodeURIComponent('روسيا')}`);
  });
});
