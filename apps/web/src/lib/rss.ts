import type { ArticleSummary } from '@khabar/schema';
import { escapeXml, htmlText } from './xml.ts';

export interface Channel {
  title: string;
  description: string;
  /** Absolute URL of the site. */
  link: string;
  /** Absolute URL of the feed itself. */
  self: string;
}

/**
 * RSS 2.0 wants RFC 822 dates. Stored dates are the document's wall-clock time; one without a zone is
 * given as GMT, the usual reading for these sources.
 */
function rfc822(publishedAt: string): string | null {
  const zoned = /(?:Z|[+-]\d{2}:\d{2})$/.test(publishedAt) ? publishedAt : `${publishedAt}Z`;
  const date = new Date(zoned);
  return Number.isNaN(date.getTime()) ? null : date.toUTCString();
}

/**
 * An RSS 2.0 document for the newest articles; `articleUrl` makes each item's absolute link. Readers
 * render a `<description>`, and often a `<title>`, as HTML: article text goes into both as HTML text, so
 * markup in an article reaches them as characters, never as elements.
 */
export function renderRss(
  channel: Channel,
  items: ArticleSummary[],
  articleUrl: (item: ArticleSummary) => string,
): string {
  const entries = items.map((item) => {
    const link = escapeXml(articleUrl(item));
    const date = item.publishedAt ? rfc822(item.publishedAt) : null;
    return [
      '<item>',
      `<title>${escapeXml(htmlText(item.title))}</title>`,
      `<link>${link}</link>`,
      `<guid isPermaLink="false">${escapeXml(item.id)}</guid>`,
      date ? `<pubDate>${date}</pubDate>` : '',
      `<description>${escapeXml(htmlText(item.excerpt))}</description>`,
      ...item.tags.map((tag) => `<category>${escapeXml(tag)}</category>`),
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${escapeXml(htmlText(channel.title))}</title>`,
    `<link>${escapeXml(channel.link)}</link>`,
    `<description>${escapeXml(htmlText(channel.description))}</description>`,
    '<language>ar</language>',
    `<atom:link href="${escapeXml(channel.self)}" rel="self" type="application/rss+xml"/>`,
    ...entries,
    '</channel>',
    '</rss>',
    '',
  ].join('\n');
}
