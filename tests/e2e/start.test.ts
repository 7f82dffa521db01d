import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '@khabar/devkit';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { alive, descendants } from './processes.ts';
import { root } from './stack.ts';

interface Started {
  child: ChildProcess;
  siteUrl: string;
  apiUrl: string;
  output: () => string;
  exited: Promise<number | null>;
  services: { api: number; site: number };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Runs the main job in its own process group, as a terminal would, on free ports over a fresh store. */
async function startMainJob(command: string[], db?: string): Promise<Started> {
  const dir = await mkdtemp(join(tmpdir(), 'khabar-start-'));
  const [apiPort, webPort] = (await freePorts(2)) as [number, number];
  const [program = 'pnpm', ...args] = command;
  const child = spawn(program, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      KHABAR_API_PORT: String(apiPort),
      KHABAR_WEB_PORT: String(webPort),
      KHABAR_DB: db ?? join(dir, 'khabar.db'),
      KHABAR_API_LOG: 'off',
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });
  const deadline = Date.now() + 170_000;
  while (!/Ctrl-C stops both/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the main job did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const siteUrl = output.match(/site\s+(http:\/\/\S+)/)?.[1] ?? '';
  const apiUrl = output.match(/API\s+(http:\/\/[^/\s]+)/)?.[1] ?? '';
  const processes = descendants(child.pid ?? 0);
  const pidOf = (script: string) => processes.find((entry) => entry.command.includes(script))?.pid ?? 0;
  return {
    child,
    siteUrl,
    apiUrl,
    output: () => output,
    exited,
    services: { api: pidOf('apps/api/src/main.ts'), site: pidOf('apps/web/dist/server/entry.mjs') },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe('pnpm start', () => {
  it('seeds an empty store, serves site and API on the configured ports, and stops both on Ctrl-C', async () => {
    const job = await startMainJob(['pnpm', 'start']);
    expect(job.siteUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(job.services.api).toBeGreaterThan(0);
    expect(job.services.site).toBeGreaterThan(0);

    const home = await fetch(job.siteUrl);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('بعد مغادرة كيم أون.. وزير الخارجية الصيني يزور روسيا');
    expect((await fetch(`${job.apiUrl}/healthz`)).status).toBe(200);

    // Ctrl-C in a terminal signals the whole foreground process group.
    process.kill(-(job.child.pid ?? 0), 'SIGINT');
    expect(await job.exited, job.output()).toBe(0);
    expect(job.output()).not.toContain('ELIFECYCLE');
    expect(alive(job.services.api)).toBe(false);
    expect(alive(job.services.site)).toBe(false);
    expect(await answers(job.siteUrl)).toBe(false);
    expect(await answers(`${job.apiUrl}/healthz`)).toBe(false);
  });

  it('passes a signal sent to the job alone on to both services', async () => {
    const job = await startMainJob([process.execPath, 'scripts/start.ts']);
    expect((await fetch(`${job.siteUrl}robots.txt`)).status).toBe(200);
    job.child.kill('SIGTERM');
    expect(await job.exited, job.output()).toBe(0);
    expect(alive(job.services.api)).toBe(false);
    expect(alive(job.services.site)).toBe(false);
  });

  it('stops the site and exits 1 with a message when the API dies on its own', async () => {
    const job = await startMainJob([process.execPath, 'scripts/start.ts']);
    process.kill(job.services.api, 'SIGKILL');
    expect(await job.exited, job.output()).toBe(1);
    expect(job.output()).toContain('khabar: the API stopped (SIGKILL); stopping the rest\n');
    expect(alive(job.services.site)).toBe(false);
  });

  it('refuses a bad port with a one-line message and exit code 2', async () => {
    const child = spawn(process.execPath, ['scripts/start.ts'], {
      cwd: root,
      env: { ...process.env, KHABAR_WEB_PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr?.on('data', (chunk) => (errors += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(errors).toBe(
      'khabar: invalid configuration: KHABAR_WEB_PORT must be an integer from 1 to 65535 (got "eighty")\n',
    );
  });
});

const pgUrl = process.env.KHABAR_TEST_PG_URL;
describe.runIf(pgUrl)('pnpm start with KHABAR_DB naming PostgreSQL', () => {
  it('seeds the empty database and serves it the same way', async () => {
    const schema = `web_start_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    });
    const db = `${pgUrl}${pgUrl?.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const job = await startMainJob([process.execPath, 'scripts/start.ts'], db);
    expect(job.output()).toContain('the store is empty; ingesting seeds/');
    expect(await (await fetch(job.siteUrl)).text()).toContain(
      'بعد مغادرة كيم أون.. وزير الخارجية الصيني يزور روسيا',
    );
    const stored = await admin.query(`SELECT count(*)::int AS n FROM ${schema}.articles`);
    expect(stored.rows[0]?.n).toBeGreaterThan(0);
    process.kill(-(job.child.pid ?? 0), 'SIGINT');
    expect(await job.exited, job.output()).toBe(0);
    expect(alive(job.services.api)).toBe(false);
    expect(alive(job.services.site)).toBe(false);
  });
});
