import type { Feed } from './feed.ts';
import { element, escapeXml } from './xml.ts';

function rfc822(time: string): string {
  return new Date(time).toUTCString();
}

/** RSS 2.0, with an Atom self link as the RSS profile recommends. */
export function renderRss(feed: Feed): string {
  const items = feed.items.map((item) =>
    [
      '<item>',
      element('title', item.title),
      element('link', item.url),
      element('guid', item.id, { isPermaLink: 'false' }),
      item.published === null ? '' : element('pubDate', rfc822(item.published)),
      ...item.tags.map((tag) => element('category', tag)),
      item.author === null ? '' : element('dc:creator', item.author),
      element('description', item.summary),
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="ar">',
    '<channel>',
    element('title', feed.title),
    element('link', feed.homeUrl),
    element('description', feed.description),
    element('language', 'ar'),
    element('lastBuildDate', rfc822(feed.updated)),
    element('generator', 'Khabar'),
    `<atom:link rel="self" type="application/rss+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    ...items,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
