// The main job (`pnpm start`): build what is needed, fill an empty store with seeds/, then run the API
// and the site together until Ctrl-C, which stops both and exits 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { waitUntilAnswering } from '@khabar/devkit';
import { ConfigError, type Environment } from '@khabar/schema';
import { readStartSettings, type StartSettings } from './start-settings.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = process.execPath;

function fail(message: string, code = 1): never {
  process.stderr.write(`khabar: ${message}\n`);
  process.exit(code);
}

function readSettings(): StartSettings {
  try {
    const settings = readStartSettings();
    if (settings.apiPort === settings.webPort) {
      fail(`KHABAR_API_PORT and KHABAR_WEB_PORT are both ${settings.apiPort}`, 2);
    }
    return settings;
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2);
    throw error;
  }
}

/** Runs a command to completion with its output passed through; resolves to its exit code. */
function run(command: string, args: string[], env: Environment = settings.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', () => resolve(127));
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Prefixes each line a service writes, so the two logs can be told apart. */
function relay(stream: NodeJS.ReadableStream | null, label: string, to: NodeJS.WriteStream) {
  if (!stream) return;
  createInterface({ input: stream }).on('line', (line) => to.write(`${label} ${line}\n`));
}

async function waitUntilUp(url: string, child: ChildProcess, name: string): Promise<void> {
  await waitUntilAnswering(url, child, name, 60_000).catch((error: Error) => fail(error.message));
}

const settings = readSettings();
const apiUrl = `http://${settings.host}:${settings.apiPort}`;
const siteUrl = `http://${settings.host}:${settings.webPort}`;
const services: { name: string; child: ChildProcess }[] = [];
let stopping = false;
/** How long a service's exit waits for a signal to this process that would explain it. */
const signalGraceMs = 250;

function start(name: string, label: string, args: string[], env: Environment): ChildProcess {
  const child = spawn(node, args, {
    cwd: root,
    env: { ...settings.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  relay(child.stdout, label, process.stdout);
  relay(child.stderr, label, process.stderr);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    // Ctrl-C reaches the services and this process together, and this process may see a service's
    // exit before its own signal: the signal gets a moment to arrive before the exit counts as a fault.
    setTimeout(() => {
      if (stopping) return;
      process.stderr.write(
        `khabar: the ${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest\n`,
      );
      void stop(1);
    }, signalGraceMs);
  });
  services.push({ name, child });
  return child;
}

/** Stops every service that still runs and waits for each to be gone before exiting. */
async function stop(code: number): Promise<never> {
  stopping = true;
  await Promise.all(
    services.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}

// Ctrl-C in a terminal signals the whole process group, so the services get it too; a signal sent to
// this process alone is passed on. Either way the exit is clean.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (!stopping) void stop(0);
  });
}

const built = await run(
  'pnpm',
  ['exec', 'turbo', 'run', 'build', '--filter=@khabar/web...', '--output-logs=errors-only'],
  {
    ...settings.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    TURBO_TELEMETRY_DISABLED: '1',
  },
);
if (built !== 0) fail('the build failed; see the output above');

const storeEnv = settings.db ? { KHABAR_DB: settings.db } : {};
const api = start('API', '[api] ', ['apps/api/src/main.ts'], {
  ...storeEnv,
  KHABAR_API_PORT: String(settings.apiPort),
  KHABAR_API_HOST: settings.host,
  KHABAR_SITE_URL: settings.siteUrl ?? `${siteUrl}/`,
  // The site asks the API on behalf of every reader, over loopback: one client address for all of them.
  KHABAR_API_RATE_LIMIT_EXEMPT: settings.rateLimitExempt ?? '127.0.0.1,::1',
});
await waitUntilUp(`${apiUrl}/healthz`, api, 'API');

// The API seeds its default SQLite store itself; a store named by KHABAR_DB (a file or PostgreSQL)
// is seeded here, and only while it holds no article.
const newest: unknown = await fetch(`${apiUrl}/v1/articles?limit=1`).then((response) => response.json());
if (
  typeof newest === 'object' &&
  newest &&
  'items' in newest &&
  Array.isArray(newest.items) &&
  newest.items.length === 0
) {
  process.stdout.write('khabar: the store is empty; ingesting seeds/\n');
  const ingested = await run(node, ['apps/cli/src/bin.ts', 'ingest', 'seeds'], {
    ...settings.env,
    ...storeEnv,
  });
  if (ingested !== 0) process.stderr.write('khabar: seeding failed; the site starts with an empty store\n');
}

const site = start('site', '[site]', ['apps/web/dist/server/entry.mjs'], {
  HOST: settings.host,
  PORT: String(settings.webPort),
  KHABAR_API_URL: apiUrl,
});
await waitUntilUp(`${siteUrl}/robots.txt`, site, 'site');

process.stdout.write(
  `\nKhabar is running:\n  site  ${siteUrl}/\n  API   ${apiUrl}/v1/articles (docs: ${apiUrl}/docs)\nCtrl-C stops both.\n\n`,
);
