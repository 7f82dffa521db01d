import { describe, expect, it } from 'vitest';
import { articlePath, locationPath, pathParam, sourcePath, storyPath, tagPath, withQuery } from './paths.ts';

describe('paths', () => {
  it('keeps Arabic letters readable and encodes what would break the path', () => {
    expect(tagPath('كوريا الشمالية')).toBe('/tags/كوريا%20الشمالية');
    expect(tagPath('a/b?c#d%')).toBe('/tags/a%2Fb%3Fc%23d%25');
    expect(articlePath('عنوانٌ-a7af29')).toBe('/articles/عنوانٌ-a7af29');
    expect(tagPath('ضار\u202eقاتل')).toBe('/tags/ضار%E2%80%AEقاتل');
    expect(storyPath('0123456789abcdef')).toBe('/stories/0123456789abcdef');
    expect(pathParam(`http://x${storyPath('0123456789abcdef')}`, '/stories/')).toBe('0123456789abcdef');
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

  it('reads every name back from the request URL a link makes, reserved characters and all', () => {
    const names = [
      ...'=:+,&;@$/?#%'.split('').map((character) => `a${character}b`),
      'a b',
      'a%3Db',
      'a%2541',
      'تحلية المياه',
      'قال "نعم" و\'لا\'',
      '<b>',
    ];
    for (const name of names) {
      for (const [path, prefix] of [
        [tagPath(name), '/tags/'],
        [sourcePath(name, 'publisher'), '/sources/'],
        [articlePath(name), '/articles/'],
      ] as const) {
        // What the server sees: the link resolved against the site, as a browser sends it.
        expect(pathParam(new URL(path, 'https://khabar.example/').href, prefix), path).toBe(name);
      }
    }
  });

  it('reads no name from another route, a second segment or a broken escape', () => {
    expect(pathParam('https://x/tags/a/', '/tags/')).toBe('a');
    expect(pathParam('https://x/tags/a/b', '/tags/')).toBeNull();
    expect(pathParam('https://x/tags/', '/tags/')).toBeNull();
    expect(pathParam('https://x/sources/a', '/tags/')).toBeNull();
    expect(pathParam('https://x/tags/%E0%A4', '/tags/')).toBeNull();
  });

  it('writes a Location header in bytes without encoding an escape twice', () => {
    expect(locationPath(articlePath('عنوان=1%'))).toBe(`/articles/${encodeURIComponent('عنوان')}%3D1%25`);
  });
});
