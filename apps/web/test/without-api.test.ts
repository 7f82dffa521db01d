import { freePorts } from '@khabar/devkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSite } from './server.ts';

// The built site alone, pointed at a port where no API listens.
let site: Awaited<ReturnType<typeof startSite>>;
beforeAll(async () => {
  // Both ports found at once: one asked for after the other could be the same.
  const [apiPort, sitePort] = (await freePorts(2)) as [number, number];
  site = await startSite({ KHABAR_API_URL: `http://127.0.0.1:${apiPort}` }, sitePort);
});
afterAll(async () => {
  await site?.stop();
});

describe('the site without its API', () => {
  it('answers pages with a friendly Arabic 503 page, never a stack trace', async () => {
    const targets = [
      '/',
      '/articles/أي-مقال',
      '/tags/مصر',
      '/search?q=مصر',
      '/tags',
      '/sources',
      '/stories',
      '/stories/0123456789abcdef',
    ];
    for (const target of targets) {
      const response = await fetch(`${site.url}${encodeURI(target)}`);
      const html = await response.text();
      expect(response.status, target).toBe(503);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(html, target).toMatch(/<html lang="ar" dir="rtl">/);
      expect(html, target).toContain('الأخبار غير متاحة الآن');
      expect(html, target).not.toMatch(/ECONNREFUSED|fetch failed|\.mjs:\d+/);
      expect(response.headers.get('content-security-policy'), target).toMatch(
        /^default-src 'none';.*style-src 'self' 'sha256-/,
      );
      expect(response.headers.get('x-frame-options'), target).toBe('DENY');
    }
  });

  it('answers the feed and the sitemap with 503 and a retry hint', async () => {
    for (const target of ['/feed.xml', '/sitemap.xml']) {
      const response = await fetch(`${site.url}${target}`);
      expect(response.status, target).toBe(503);
      expect(response.headers.get('retry-after'), target).toBe('30');
      expect(response.headers.get('content-security-policy'), target).toMatch(/^default-src 'none'; /);
      expect(response.headers.get('x-content-type-options'), target).toBe('nosniff');
    }
  });

  it('still serves the Arabic 404 page, the search form, robots.txt and its assets', async () => {
    // A path that cannot name a story is not found without asking the API.
    for (const target of ['/no/such/page', '/stories/not-a-story-id', '/stories/0123456789ABCDEF']) {
      const missing = await fetch(`${site.url}${target}`);
      expect(missing.status, target).toBe(404);
      expect(await missing.text(), target).toContain('الصفحة غير موجودة');
    }
    const search = await fetch(`${site.url}/search`);
    expect(search.status).toBe(200);
    expect(await search.text()).toContain('role="search"');
    expect(await (await fetch(`${site.url}/robots.txt`)).text()).toContain(
      `Sitemap: ${site.url}/sitemap.xml`,
    );
    const favicon = await fetch(`${site.url}/favicon.svg`);
    expect(favicon.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  });

  it('preloads the Naskh and Kufi files it bundles, from the URLs its @font-face rules name', async () => {
    const html = await (await fetch(`${site.url}/search`)).text();
    const preloads = Array.from(
      html.matchAll(/<link rel="preload" href="([^"]+\.woff2)" as="font" type="font\/woff2" crossorigin>/g),
      (match) => match[1] ?? '',
    );
    expect(preloads).toHaveLength(4);
    expect(preloads[0]).toMatch(/^\/_astro\/noto-naskh-arabic-arabic-400-normal\.[\w-]+\.woff2$/);
    expect(preloads[1]).toMatch(/^\/_astro\/noto-naskh-arabic-latin-400-normal\.[\w-]+\.woff2$/);
    expect(preloads[2]).toMatch(/^\/_astro\/noto-kufi-arabic-arabic-700-normal\.[\w-]+\.woff2$/);
    expect(preloads[3]).toMatch(/^\/_astro\/noto-kufi-arabic-latin-700-normal\.[\w-]+\.woff2$/);
    for (const preload of preloads) {
      expect(html).toContain(`src:url(${preload})`);
      const font = await fetch(`${site.url}${preload}`);
      expect(font.status).toBe(200);
      expect(
        Buffer.from(await font.arrayBuffer())
          .subarray(0, 4)
          .toString('latin1'),
      ).toBe('wOF2');
    }
  });
});
