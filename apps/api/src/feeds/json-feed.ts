import { z } from 'zod';
import type { Feed } from './feed.ts';

export const JsonFeed = z
  .object({
    version: z.literal('https://jsonfeed.org/version/1.1').describe('JSON Feed version.'),
    title: z.string().describe('Feed title.'),
    description: z.string().describe('What the feed holds.'),
    home_page_url: z.string().describe('The page the feed stands for.'),
    feed_url: z.string().describe('This document.'),
    language: z.literal('ar').describe('Language of the items.'),
    items: z
      .array(
        z.object({
          id: z.string().describe('Stable item id.'),
          url: z.string().describe('Where the article is read.'),
          title: z.string().describe('Headline.'),
          summary: z.string().describe('Opening of the first paragraph.'),
          content_text: z.string().describe('Same as summary: feeds carry the opening only.'),
          date_published: z.string().optional().describe('RFC 3339 publication time, when known.'),
          tags: z.array(z.string()).describe('Keyword tags.'),
          authors: z
            .array(z.object({ name: z.string() }))
            .optional()
            .describe('Publisher or agency.'),
        }),
      )
      .describe('Newest first.'),
  })
  .describe('A JSON Feed 1.1 document.');
export type JsonFeed = z.infer<typeof JsonFeed>;

/** JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function renderJsonFeed(feed: Feed): JsonFeed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    description: feed.description,
    home_page_url: feed.homeUrl,
    feed_url: feed.selfUrl,
    language: 'ar',
    items: feed.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      summary: item.summary,
      content_text: item.summary,
      ...(item.published === null ? {} : { date_published: item.published }),
      tags: item.tags,
      ...(item.author === null ? {} : { authors: [{ name: item.author }] }),
    })),
  };
}
