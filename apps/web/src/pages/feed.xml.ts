import type { APIRoute } from 'astro';
import { getFeed } from '../lib/news.ts';

/** The API's RSS 2.0 feed of the newest articles, whose items link to the site's pages. */
export const GET: APIRoute = async ({ request }) => {
  const outcome = await getFeed(50, request.headers.get('If-None-Match') ?? undefined);
  if (!outcome.ok) {
    return new Response('الخلاصة غير متاحة الآن. أعد المحاولة بعد قليل.\n', {
      status: outcome.status === 404 ? 502 : outcome.status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '30' },
    });
  }
  const { status, body, headers } = outcome.value;
  return new Response(status === 304 ? null : body, { status, headers });
};
