import { escapeXml } from '@khabar/schema';
import type { Feed } from './feed.ts';
import { element, htmlText } from './xml.ts';

function rfc822(time: string): string {
  return new Date(time).toUTCString();
}

/**
 * RSS 2.0, with an Atom self link as the RSS profile recommends. RSS readers render a `<description>`
 * as HTML, and many a `<title>` too (RSS 2.0 leaves it open), so article text goes into both as HTML
 * text (`htmlText`): markup in an article reaches the reader as characters, never as elements. Categories
 * and the creator are labels, not rendered: they stay plain text.
 */
export function renderRss(feed: Feed): string {
  const items = feed.items.map((item) =>
    [
      '<item>',
      element('title', htmlText(item.title)),
      element('link', item.url),
      element('guid', item.id, { isPermaLink: 'false' }),
      item.published === null ? '' : element('pubDate', rfc822(item.published)),
      ...item.tags.map((tag) => element('category', tag)),
      item.author === null ? '' : element('dc:creator', item.author),
      element('description', htmlText(item.summary)),
      '</item>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xml:lang="ar">',
    '<channel>',
    element('title', htmlText(feed.title)),
    element('link', feed.homeUrl),
    element('description', htmlText(feed.description)),
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
