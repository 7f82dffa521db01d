// The API over its default store (seeded from seeds/ on first start) and the built site, each in its
// own process so the load generator never shares their event loops.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts, stopChild, waitUntilAnswering } from '@khabar/devkit';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

export interface Services {
  apiUrl: string;
  siteUrl: string;
  stop(): Promise<void>;
}

export async function startServices(): Promise<Services> {
  const siteEntry = join(repo, 'apps/web/dist/server/entry.mjs');
  if (!existsSync(siteEntry))
    throw new Error(`the site is not built: ${siteEntry} is missing (run pnpm build)`);
  // The API's default store is `data/khabar.db` under its working folder: a fresh folder gives a
  // fresh store, which the API fills from seeds/.
  const workdir = await mkdtemp(join(tmpdir(), 'khabar-web-bench-'));
  const [apiPort, sitePort] = (await freePorts(2)) as [number, number];
  const api = spawn(process.execPath, [join(repo, 'apps/api/src/main.ts')], {
    cwd: workdir,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      KHABAR_API_PORT: String(apiPort),
      KHABAR_API_LOG: 'off',
      KHABAR_API_RATE_LIMIT: '0',
    },
  });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitUntilAnswering(`${apiUrl}/healthz`, api, 'API');
  const site = spawn(process.execPath, [siteEntry], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(sitePort), KHABAR_API_URL: apiUrl },
  });
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  await waitUntilAnswering(`${siteUrl}/robots.txt`, site, 'site');
  return {
    apiUrl,
    siteUrl,
    async stop() {
      await Promise.all([stopChild(site), stopChild(api)]);
      await rm(workdir, { recursive: true, force: true });
    },
  };
}
