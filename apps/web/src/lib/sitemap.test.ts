import { describe, expect, it } from 'vitest';
import { renderSitemap } from './sitemap.ts';

describe('renderSitemap', () => {
  it('lists escaped locations with their dates', () => {
    const xml = renderSitemap([
      { loc: 'https://example.org/a?x=1&y=2', lastmod: '2023-09-18' },
      { loc: 'https://example.org/' },
    ]);
    expect(xml).toContain(
      '<url><loc>https://example.org/a?x=1&amp;y=2</loc><lastmod>2023-09-18</lastmod></url>',
    );
    expect(xml).toContain('<url><loc>https://example.org/</loc></url>');
  });
});
