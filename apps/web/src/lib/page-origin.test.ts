import { describe, expect, it } from 'vitest';
import { leadFigure, originalLink, webUrl } from './page-origin.ts';

const hostile = [
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  '\u0000javascript:alert(1)',
  'jav&#x09;ascript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  '//evil.example.com/x',
  '/articles/local',
  'not a url',
  '',
];

describe('webUrl', () => {
  it('keeps absolute http(s) URLs, as the browser reads them', () => {
    expect(webUrl('https://news.example.com/a?b=1#c')).toBe('https://news.example.com/a?b=1#c');
    expect(webUrl('HTTP://News.Example.com')).toBe('http://news.example.com/');
    expect(webUrl('https://example.com/خبر')).toBe('https://example.com/%D8%AE%D8%A8%D8%B1');
    expect(webUrl('https://example.com/a"><script>')).toBe('https://example.com/a%22%3E%3Cscript%3E');
  });

  it.each(hostile)('refuses %j', (value) => {
    expect(webUrl(value)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 42, { href: 'https://example.com' }])
      expect(webUrl(value)).toBeNull();
  });
});

describe('originalLink', () => {
  it('names the site when the article does, and says "the original" otherwise', () => {
    expect(originalLink({ url: 'https://news.example.com/a', siteName: 'الخليج الجديد' })).toEqual({
      href: 'https://news.example.com/a',
      label: 'المقال الأصلي على الخليج الجديد',
    });
    expect(originalLink({ url: 'https://news.example.com/a', siteName: '  ' })?.label).toBe('المقال الأصلي');
    expect(originalLink({ url: 'https://news.example.com/a', siteName: null })?.label).toBe('المقال الأصلي');
  });

  it.each(hostile)('gives no link for %j', (url) => {
    expect(originalLink({ url, siteName: 'موقع' })).toBeNull();
  });

  it('gives no link without a URL', () => {
    expect(originalLink({ url: null, siteName: 'موقع' })).toBeNull();
  });
});

describe('leadFigure', () => {
  const title = 'عنوان الخبر';

  it('takes the caption as the alternative text, or the title when there is none', () => {
    expect(leadFigure({ title, image: { url: 'https://cdn.example.com/a.jpg', caption: 'صورة' } })).toEqual({
      src: 'https://cdn.example.com/a.jpg',
      alt: 'صورة',
      caption: 'صورة',
    });
    expect(leadFigure({ title, image: { url: 'https://cdn.example.com/a.jpg', caption: null } })).toEqual({
      src: 'https://cdn.example.com/a.jpg',
      alt: title,
      caption: null,
    });
  });

  it.each(hostile)('shows no image for %j', (url) => {
    expect(leadFigure({ title, image: { url, caption: 'صورة' } })).toBeNull();
  });

  it('shows nothing without an image', () => {
    expect(leadFigure({ title, image: null })).toBeNull();
  });
});
