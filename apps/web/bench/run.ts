// `pnpm --filter @khabar/web bench`: the article page's weight, the site's throughput next to the API's
// for the same article, and Lighthouse scores of home, article, search, the stories and a story. Prints
// numbers only.
//   KHABAR_BENCH_SECONDS   seconds per throughput run (default 5)
//   KHABAR_BENCH_LIGHTHOUSE=0 skips Lighthouse; KHABAR_BENCH_LIGHTHOUSE_RUNS=n reports the median of n
import { loadTest } from '@khabar/devkit';
import { lighthouse } from './lighthouse.ts';
import { measurePage } from './page-weight.ts';
import { startServices } from './services.ts';

const seconds = Number(process.env.KHABAR_BENCH_SECONDS ?? 5);
const connections = 10;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const services = await startServices();
try {
  const listed = (await (await fetch(`${services.apiUrl}/v1/articles?limit=1`)).json()) as {
    items: { slug: string; title: string }[];
  };
  const article = listed.items[0];
  if (!article) throw new Error('the store is empty: the API did not seed it');
  const slug = encodeURIComponent(article.slug);
  const articlePage = `${services.siteUrl}/articles/${slug}`;

  const weight = await measurePage(articlePage);
  console.log(`article page: ${article.title}`);
  console.log(
    `  HTML with inlined CSS ${kb(weight.htmlBytes)} (CSS ${kb(weight.cssBytes)}), gzip ${kb(weight.gzipBytes)}; ` +
      `linked stylesheets ${weight.linkedStylesheets}; scripts other than JSON-LD ${weight.scripts}`,
  );
  for (const font of weight.preloadedFonts)
    console.log(`  preloaded font ${font.url.split('/').pop()} ${kb(font.bytes)}`);

  console.log(`\nthroughput, ${connections} connections, ${seconds} s each:`);
  const targets = [
    ['API  GET /v1/articles/<slug>', `${services.apiUrl}/v1/articles/${slug}`],
    ['site GET /articles/<slug>', articlePage],
  ] as const;
  for (const [name, url] of targets) {
    const result = await loadTest({ url, connections, duration: seconds });
    const failures = result.errors + result.timeouts + result.non2xx;
    console.log(
      `  ${name.padEnd(30)} ${result.requests.average.toFixed(0).padStart(6)} req/s  ` +
        `p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  failures ${failures}`,
    );
  }

  if (process.env.KHABAR_BENCH_LIGHTHOUSE !== '0') {
    console.log('\nLighthouse (mobile): performance / accessibility / best practices / SEO');
    const stories = (await (await fetch(`${services.apiUrl}/v1/stories?limit=1`)).json()) as {
      items: { id: string }[];
    };
    const story = stories.items[0];
    const pages: Record<string, string> = {
      home: `${services.siteUrl}/`,
      article: articlePage,
      search: `${services.siteUrl}/search?q=${encodeURIComponent('روسيا')}`,
      stories: `${services.siteUrl}/stories`,
      ...(story ? { story: `${services.siteUrl}/stories/${story.id}` } : {}),
    };
    const runs = Number(process.env.KHABAR_BENCH_LIGHTHOUSE_RUNS ?? 1);
    for (const [name, url] of Object.entries(pages)) {
      // A cold route compiles on first use; Lighthouse measures a warm server, as readers meet it.
      for (let warm = 0; warm < 20; warm += 1) await (await fetch(url)).arrayBuffer();
      const results = [];
      for (let run = 0; run < runs; run += 1) results.push(await lighthouse(url));
      results.sort((a, b) => a.performance - b.performance);
      const scores = results[Math.floor(results.length / 2)];
      if (!scores) continue;
      const row = `${scores.performance} / ${scores.accessibility} / ${scores['best-practices']} / ${scores.seo}`;
      console.log(`  ${name.padEnd(8)} ${row}   ${scores.metrics.join(', ')}`);
      if (scores.failedAudits.length > 0)
        console.log(`           below 90: ${scores.failedAudits.join(', ')}`);
    }
  }
} finally {
  await services.stop();
}
