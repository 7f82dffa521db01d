import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { ArticleSummary } from '@khabar/schema';
import type { Context } from 'hono';
import { z } from 'zod';
import type { RouteDeps } from '../deps.ts';
import type { AppEnv } from '../env.ts';
import { renderAtom } from '../feeds/atom.ts';
import { type Feed, feedItem, newest } from '../feeds/feed.ts';
import { renderJsonFeed } from '../feeds/json-feed.ts';
import { renderRss } from '../feeds/rss.ts';
import { cachePolicies, sendCached, strongEtag } from '../http-cache.ts';
import { validationHook } from '../problem.ts';
import { cachedHeaders, commonProblems, notModified, problemResponses } from '../responses.ts';
import { JsonFeedDoc } from '../schemas.ts';
import { limitParam } from './params.ts';

const Format = z.enum(['atom', 'rss', 'json']).describe('Atom 1.0, RSS 2.0 or JSON Feed 1.1.');
const FeedQuery = z.object({ limit: limitParam(100, 20) });

const contentTypes = {
  atom: 'application/atom+xml; charset=UTF-8',
  rss: 'application/rss+xml; charset=UTF-8',
  json: 'application/feed+json; charset=UTF-8',
} as const;

const feedResponses = {
  200: {
    description: 'The feed, newest articles first.',
    headers: cachedHeaders,
    content: {
      'application/atom+xml': { schema: z.string().describe('Atom 1.0 document.') },
      'application/rss+xml': { schema: z.string().describe('RSS 2.0 document.') },
      'application/feed+json': { schema: JsonFeedDoc },
    },
  },
  304: notModified,
  ...problemResponses(400, ...commonProblems),
};

const latestFeed = createRoute({
  method: 'get',
  path: '/feeds/{format}',
  tags: ['feeds'],
  summary: 'Feed of the newest articles',
  request: { params: z.object({ format: Format }), query: FeedQuery },
  responses: feedResponses,
});

const tagFeed = createRoute({
  method: 'get',
  path: '/tags/{tag}/feeds/{format}',
  tags: ['feeds'],
  summary: 'Feed of the newest articles with one tag',
  request: {
    params: z.object({ tag: z.string().min(1).max(200).describe('The tag as written.'), format: Format }),
    query: FeedQuery,
  },
  responses: feedResponses,
});

type FeedFormat = z.infer<typeof Format>;

function render(format: FeedFormat, feed: Feed): string {
  switch (format) {
    case 'atom':
      return renderAtom(feed);
    case 'rss':
      return renderRss(feed);
    case 'json':
      return JSON.stringify(renderJsonFeed(feed));
  }
}

/** Atom, RSS and JSON Feed of the newest articles, overall and per tag. */
export function feedRoutes({ store, config }: RouteDeps) {
  const articleUrl = (origin: string, summary: ArticleSummary) =>
    config.siteUrl === null
      ? `${origin}/v1/articles/${encodeURIComponent(summary.slug)}`
      : `${config.siteUrl}/articles/${encodeURIComponent(summary.slug)}`;

  async function send(c: Context<AppEnv>, format: FeedFormat, limit: number, tag: string | null) {
    const url = new URL(c.req.url);
    const page = await store.list({ limit, ...(tag === null ? {} : { tag }) });
    const items = page.items.map((summary) => feedItem(summary, articleUrl(url.origin, summary)));
    const listing = tag === null ? '/v1/articles' : `/v1/articles?tag=${encodeURIComponent(tag)}`;
    const body = render(format, {
      title: tag === null ? 'خبر: أحدث الأخبار' : `خبر: ${tag}`,
      description: tag === null ? 'أحدث المقالات في خبر' : `أحدث المقالات الموسومة «${tag}» في خبر`,
      selfUrl: `${url.origin}${url.pathname}`,
      homeUrl: config.siteUrl ?? `${url.origin}${listing}`,
      updated: newest(items),
      items,
    });
    return sendCached(c, body, strongEtag(body), {
      contentType: contentTypes[format],
      cacheControl: cachePolicies.listing,
    });
  }

  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(latestFeed, async (c) => {
      const { format } = c.req.valid('param');
      return send(c, format, c.req.valid('query').limit ?? 20, null);
    })
    .openapi(tagFeed, async (c) => {
      const { format, tag } = c.req.valid('param');
      return send(c, format, c.req.valid('query').limit ?? 20, tag);
    });
}
