// Starts the real API and the built site on free ports, over a store filled from the seed and our fixtures.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts, type Service, startService } from '@khabar/devkit';
import { parseArticle } from '@khabar/parser';
import type { Article } from '@khabar/schema';
import { openStore } from '@khabar/store';

export const root = fileURLToPath(new URL('../../', import.meta.url));
const siteEntry = join(root, 'apps/web/dist/server/entry.mjs');
const apiEntry = join(root, 'apps/api/src/main.ts');
export const fixtureDirs = [join(root, 'seeds'), join(root, 'tests/fixtures/site')];

/**
 * Parses every `.txt` document of the folders; a document the parser rejects fails the run. A
 * `<name>.page.json` beside a document gives the page fields a web page would have (URL, site name,
 * summary, lead image). They are not validated: a hostile one stands for an article that reached the
 * store some other way than through the API, which the site must still render safely.
 */
export async function readFixtures(dirs: string[] = fixtureDirs): Promise<Article[]> {
  const articles: Article[] = [];
  for (const dir of dirs) {
    const files = await readdir(dir);
    for (const file of files.filter((name) => name.endsWith('.txt')).sort()) {
      const result = parseArticle(await readFile(join(dir, file), 'utf8'));
      if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
      const pageFile = file.replace(/\.txt$/, '.page.json');
      const page = files.includes(pageFile)
        ? (JSON.parse(await readFile(join(dir, pageFile), 'utf8')) as Partial<Article>)
        : {};
      articles.push({ ...result.article, ...page });
    }
  }
  return articles;
}

/** Writes the articles into the store at `location` (a SQLite path or a PostgreSQL URL). */
export async function ingest(location: string, articles: Article[]): Promise<void> {
  const store = await openStore(location);
  try {
    await store.upsertMany(articles);
  } finally {
    await store.close();
  }
}

export interface Stack {
  api: Service;
  site: Service;
  articles: Article[];
  stop(): Promise<void>;
}

/**
 * The API over a fresh SQLite store with the seed, the fixtures and `extra` articles, and the built site
 * in front of it.
 */
export async function startStack(
  siteEnv: Record<string, string> = {},
  extra: Article[] = [],
): Promise<Stack> {
  if (!existsSync(siteEntry))
    throw new Error(`the site is not built: ${siteEntry} is missing (run pnpm build)`);
  const dir = await mkdtemp(join(tmpdir(), 'khabar-e2e-'));
  const db = join(dir, 'khabar.db');
  const articles = [...(await readFixtures()), ...extra];
  await ingest(db, articles);
  const [apiPort, sitePort] = (await freePorts(2)) as [number, number];
  const api = await startService({
    name: 'API',
    args: [apiEntry],
    port: apiPort,
    cwd: root,
    env: {
      KHABAR_DB: db,
      KHABAR_API_PORT: String(apiPort),
      KHABAR_API_LOG: 'off',
      KHABAR_API_RATE_LIMIT: '0',
      // Feed items link to the site's pages, as in a deployment: the site serves the API's feed.
      KHABAR_SITE_URL: siteEnv.KHABAR_SITE_URL ?? `http://127.0.0.1:${sitePort}`,
    },
    probe: '/healthz',
  });
  const site = await startService({
    name: 'site',
    args: [siteEntry],
    port: sitePort,
    cwd: root,
    env: { HOST: '127.0.0.1', PORT: String(sitePort), KHABAR_API_URL: api.url, ...siteEnv },
  }).catch(async (error) => {
    await api.stop();
    throw error;
  });
  return {
    api,
    site,
    articles,
    async stop() {
      await Promise.all([site.stop(), api.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The parsed fixture whose title contains `words`. */
export function fixture(stack: Stack, words: string): Article {
  const article = stack.articles.find((candidate) => candidate.title.includes(words));
  if (!article) throw new Error(`no fixture has «${words}» in its title`);
  return article;
}
