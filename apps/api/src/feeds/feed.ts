import type { ArticleSummary } from '@khabar/schema';

/** What every feed format is rendered from. */
export interface Feed {
  title: string;
  description: string;
  /** The feed document's own URL. */
  selfUrl: string;
  /** The page the feed stands for. */
  homeUrl: string;
  /** RFC 3339 time of the newest dated item (or of the epoch when none is dated). */
  updated: string;
  items: FeedItem[];
}

export interface FeedItem {
  id: string;
  title: string;
  url: string;
  summary: string;
  /** RFC 3339, or null when the article has no date. */
  published: string | null;
  tags: string[];
  author: string | null;
}

/**
 * A publication time with a zone. Articles keep the wall-clock time the text gives; when the text names
 * no zone the time is read as UTC, since feeds require one.
 */
export function rfc3339(publishedAt: string): string {
  return /(?:Z|[+-]\d{2}:\d{2})$/.test(publishedAt) ? publishedAt : `${publishedAt}Z`;
}

export function feedItem(summary: ArticleSummary, url: string): FeedItem {
  return {
    id: `urn:khabar:article:${summary.id}`,
    title: summary.title,
    url,
    summary: summary.excerpt,
    published: summary.publishedAt === null ? null : rfc3339(summary.publishedAt),
    tags: summary.tags,
    author: summary.source.publisher ?? summary.source.agency,
  };
}

/** The newest publication time among the items, as `updated` for the feed. */
export function newest(items: FeedItem[]): string {
  const times = items.flatMap((item) => (item.published === null ? [] : [item.published]));
  const latest = times.reduce(
    (best, time) => (Date.parse(time) > Date.parse(best) ? time : best),
    times[0] ?? '',
  );
  return latest === '' ? new Date(0).toISOString() : latest;
}
