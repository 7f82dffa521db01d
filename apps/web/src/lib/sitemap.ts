import { escapeXml } from '@khabar/schema';

export interface SitemapEntry {
  /** Absolute URL. */
  loc: string;
  /** Date of the last change (YYYY-MM-DD), when known. */
  lastmod?: string | undefined;
}

/** A sitemaps.org `urlset` document. */
export function renderSitemap(entries: SitemapEntry[]): string {
  const urls = entries.map(
    (entry) =>
      `<url><loc>${escapeXml(entry.loc)}</loc>${entry.lastmod ? `<lastmod>${escapeXml(entry.lastmod)}</lastmod>` : ''}</url>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}
