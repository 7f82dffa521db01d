#!/usr/bin/env node
// `npm start` and `npm test` on any machine with Node.js and npm: installs the toolchain Khabar is
// built with (Node.js 24 and pnpm 10, from the npm registry into .toolchain/) when the machine's is
// older, installs the dependencies when node_modules is missing or older than the lockfile, then runs
// the root script `start:direct` or `test:direct` with that toolchain. Plain JavaScript, so that the
// Node.js a machine ships (18 or newer) can run it. `.ci/run` runs the tests through it too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '24.21.0';
const PNPM_VERSION = '10.34.9';
const TASKS = { start: 'start:direct', test: 'test:direct', install: null };

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const [task, ...rest] = process.argv.slice(2);

function fail(message) {
  process.stderr.write(`bootstrap: ${message}\n`);
  process.exit(1);
}

if (task === undefined || !(task in TASKS)) {
  fail(`usage: node scripts/bootstrap.mjs <${Object.keys(TASKS).join('|')}> [arguments]`);
}

// The variables npm sets for the script it runs describe npm and the machine's Node; the tools run
// from here read their own configuration files instead.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

// Khabar runs its TypeScript with Node.js itself, which strips types without a flag from 22.18 on.
function isRecent(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 18);
}

function output(command, args, options = {}) {
  const result = spawnSync(command, args, { env, encoding: 'utf8', ...options });
  return result.status === 0 ? result.stdout.trim() : null;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.error) fail(`${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

/** A PATH whose first node and pnpm are recent enough, installing them into .toolchain if need be. */
function toolchainPath() {
  const pnpmMajor = (path) => output('pnpm', ['--version'], { env: { ...env, PATH: path } })?.split('.')[0];
  const nodeVersion = (path) => output('node', ['--version'], { env: { ...env, PATH: path } });
  const machine = env.PATH ?? '';
  const onMachine = nodeVersion(machine);
  if (onMachine && isRecent(onMachine) && pnpmMajor(machine) === '10') return machine;
  const prefix = env.TOOLCHAIN_DIR ?? join(root, '.toolchain');
  const bin = join(prefix, 'bin');
  const path = `${bin}${delimiter}${machine}`;
  if (!existsSync(join(bin, 'node')) || !existsSync(join(bin, 'pnpm'))) {
    process.stderr.write(
      `bootstrap: installing Node.js ${NODE_VERSION} and pnpm ${PNPM_VERSION} into ${prefix}\n`,
    );
    run('npm', [
      'install',
      '--global',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      `node@${NODE_VERSION}`,
      `pnpm@${PNPM_VERSION}`,
    ]);
  }
  const installed = nodeVersion(path);
  if (!installed || !isRecent(installed) || pnpmMajor(path) !== '10') {
    fail(`${bin} does not hold Node.js 22.18+ and pnpm 10; remove it and run again`);
  }
  return path;
}

/** True when node_modules was installed from the lockfile as it is now. */
function installed() {
  const lockfile = join(root, 'pnpm-lock.yaml');
  const copy = join(root, 'node_modules', '.pnpm', 'lock.yaml');
  if (!existsSync(copy)) return false;
  return readFileSync(lockfile, 'utf8') === readFileSync(copy, 'utf8');
}

env.PATH = toolchainPath();
if (!installed()) run('pnpm', ['install', '--frozen-lockfile']);
const script = TASKS[task];
if (script === null) process.exit(0);

const child = spawn('pnpm', ['--silent', 'run', script, ...rest], { cwd: root, env, stdio: 'inherit' });
// Ctrl-C reaches the whole process group, the child included: this process waits for it to finish.
// A SIGTERM sent to this process alone (a service manager stopping it) is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('error', (error) => fail(`pnpm: ${error.message}`));
child.on('exit', (code, signal) => {
  if (signal === null) process.exit(code ?? 1);
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});
