import type { APIRoute } from 'astro';
import { listArticles, listSources, listStories, listTags } from '../lib/news.ts';
import type { Outcome } from '../lib/outcome.ts';
import { articlePath, sourcePath, storyPath, tagPath } from '../lib/paths.ts';
import { absolute } from '../lib/site.ts';
import { renderSitemap, type SitemapEntry } from '../lib/sitemap.ts';

/**
 * The newest articles and stories are listed; older ones stay reachable through the paginated home,
 * stories, tag and source pages, so one request never walks the whole store.
 */
const listedPages = 10;

/** Up to `listedPages` pages of 100 of a listing, as sitemap entries, or the status of the first failure. */
async function walk<T>(
  list: (cursor: string | undefined) => Promise<Outcome<{ items: T[]; nextCursor: string | null }>>,
  entry: (item: T) => SitemapEntry,
): Promise<SitemapEntry[] | number> {
  const entries: SitemapEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < listedPages; page += 1) {
    const outcome = await list(cursor);
    if (!outcome.ok) return outcome.status;
    entries.push(...outcome.value.items.map(entry));
    if (!outcome.value.nextCursor) break;
    cursor = outcome.value.nextCursor;
  }
  return entries;
}

export const GET: APIRoute = async ({ url }) => {
  const entries: SitemapEntry[] = ['/', '/stories', '/tags', '/sources', '/search'].map((path) => ({
    loc: absolute(path, url),
  }));
  const [articles, stories] = await Promise.all([
    walk(
      (cursor) => listArticles({ limit: 100, cursor }),
      (item) => ({ loc: absolute(articlePath(item.slug), url), lastmod: item.publishedAt?.slice(0, 10) }),
    ),
    walk(
      (cursor) => listStories({ limit: 100, cursor }),
      (story) => ({ loc: absolute(storyPath(story.id), url), lastmod: story.lastPublishedAt?.slice(0, 10) }),
    ),
  ]);
  if (typeof articles === 'number') return unavailable(articles);
  if (typeof stories === 'number') return unavailable(stories);
  entries.push(...articles, ...stories);
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
