// The main job: build what is needed, then run the API and the site together until Ctrl-C.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const apiPort = process.env.KHABAR_API_PORT ?? '8787';
const webPort = process.env.KHABAR_WEB_PORT ?? '4321';
const host = process.env.KHABAR_HOST ?? '127.0.0.1';

const build = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1' },
});
if (build.status !== 0) {
  console.error('khabar: the build failed; see the output above');
  process.exit(build.status ?? 1);
}

const children: ChildProcess[] = [];
function start(name: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`khabar: the ${name} stopped (${signal ?? `exit ${code}`}); stopping the rest`);
      stop(code ?? 1);
    }
  });
  children.push(child);
}

let stopping = false;
function stop(code: number) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

start('API', ['apps/api/src/main.ts'], { KHABAR_API_PORT: apiPort, KHABAR_API_HOST: host });
start('site', ['apps/web/dist/server/entry.mjs'], {
  HOST: host,
  PORT: webPort,
  KHABAR_API_URL: process.env.KHABAR_API_URL ?? `http://${host}:${apiPort}`,
});
console.log(
  `\nKhabar is running:\n  site  http://${host}:${webPort}/\n  API   http://${host}:${apiPort}/\nCtrl-C stops both.\n`,
);
