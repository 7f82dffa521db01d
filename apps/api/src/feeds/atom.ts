import { escapeXml } from '@khabar/schema';
import type { Feed } from './feed.ts';
import { element } from './xml.ts';

/** Atom 1.0 (RFC 4287), Arabic and right-to-left. */
export function renderAtom(feed: Feed): string {
  const entries = feed.items.map((item) =>
    [
      '<entry>',
      element('id', item.id),
      element('title', item.title),
      `<link rel="alternate" href="${escapeXml(item.url)}"/>`,
      element('updated', item.published ?? feed.updated),
      item.published === null ? '' : element('published', item.published),
      item.author === null ? '' : `<author>${element('name', item.author)}</author>`,
      ...item.tags.map((tag) => `<category term="${escapeXml(tag)}"/>`),
      element('summary', item.summary),
      '</entry>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">',
    element('id', feed.selfUrl),
    element('title', feed.title),
    element('subtitle', feed.description),
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `<link rel="alternate" href="${escapeXml(feed.homeUrl)}"/>`,
    element('updated', feed.updated),
    element('generator', 'Khabar'),
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
