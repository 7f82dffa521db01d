import { lighthouse } from './lighthouse.ts';
import { startServices } from './services.ts';

const s = await startServices();
const listed = (await (await fetch(`${s.apiUrl}/v1/articles?limit=1`)).json()) as {
  items: { slug: string }[];
};
const pages = {
  home: `${s.siteUrl}/`,
  article: `${s.siteUrl}/articles/${encodeURIComponent(listed.items[0]?.slug ?? '')}`,
};
for (const url of Object.values(pages)) for (let i = 0; i < 20; i++) await (await fetch(url)).text();
for (const [name, url] of Object.entries(pages)) {
  const r = await lighthouse(url);
  console.log(
    name,
    r.performance,
    r.accessibility,
    r['best-practices'],
    r.seo,
    r.metrics.join(', '),
    '|',
    r.failedAudits.join(' '),
  );
}
await s.stop();
