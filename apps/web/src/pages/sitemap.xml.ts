import type { APIRoute } from 'astro';
import { listArticles, listSources, listTags } from '../lib/news.ts';
import { articlePath, sourcePath, tagPath } from '../lib/paths.ts';
import { absolute } from '../lib/site.ts';
import { renderSitemap, type SitemapEntry } from '../lib/sitemap.ts';

/**
 * The newest articles are listed; older ones stay reachable through the paginated home, tag and source
 * pages, so one request never walks the whole store.
 */
const articlePages = 10;

export const GET: APIRoute = async ({ url }) => {
  const entries: SitemapEntry[] = ['/', '/tags', '/sources', '/search'].map((path) => ({
    loc: absolute(path, url),
  }));
  let cursor: string | undefined;
  for (let page = 0; page < articlePages; page += 1) {
    const outcome = await listArticles({ limit: 100, cursor });
    if (!outcome.ok) return unavailable(outcome.status);
    for (const item of outcome.value.items) {
      entries.push({ loc: absolute(articlePath(item.slug), url), lastmod: item.publishedAt?.slice(0, 10) });
    }
    if (!outcome.value.nextCursor) break;
    cursor = outcome.value.nextCursor;
  }
  const [tags, sources] = await Promise.all([listTags(), listSources()]);
  if (!tags.ok) return unavailable(tags.status);
  if (!sources.ok) return unavailable(sources.status);
  for (const entry of tags.value) entries.push({ loc: absolute(tagPath(entry.tag), url) });
  for (const entry of sources.value) entries.push({ loc: absolute(sourcePath(entry.name, entry.kind), url) });
  return new Response(renderSitemap(entries), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
};

function unavailable(status: number): Response {
  return new Response('خريطة الموقع غير متاحة الآن.\n', {
    status: status === 404 ? 502 : status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '30' },
  });
}
