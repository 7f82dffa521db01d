import type { APIRoute } from 'astro';
import { listArticles } from '../lib/news.ts';
import { articlePath } from '../lib/paths.ts';
import { renderRss } from '../lib/rss.ts';
import { absolute } from '../lib/site.ts';

/** RSS 2.0 of the newest articles, linking to the site's own pages. */
export const GET: APIRoute = async ({ url }) => {
  const outcome = await listArticles({ limit: 50 });
  if (!outcome.ok) {
    return new Response('الخلاصة غير متاحة الآن. أعد المحاولة بعد قليل.\n', {
      status: outcome.status === 404 ? 502 : outcome.status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '30' },
    });
  }
  const body = renderRss(
    {
      title: 'خبر: أحدث الأخبار',
      description: 'أحدث الأخبار العربية في خبر.',
      link: absolute('/', url),
      self: absolute('/feed.xml', url),
    },
    outcome.value.items,
    (item) => absolute(articlePath(item.slug), url),
  );
  return new Response(body, {
    headers: { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
};
