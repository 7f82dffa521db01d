import type { APIRoute } from 'astro';
import { absolute } from '../lib/site.ts';

export const GET: APIRoute = ({ url }) =>
  new Response(`User-agent: *\nAllow: /\nSitemap: ${absolute('/sitemap.xml', url)}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
