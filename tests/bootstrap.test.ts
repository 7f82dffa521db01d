import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const bootstrap = new URL('../scripts/bootstrap.mjs', import.meta.url).pathname;

// The bootstrap runs in a folder of its own, with stand-ins for node, npm and pnpm on the PATH that
// write down how they were called: what it installs and runs is read from that log.
let root: string;
let machineBin: string;
let log: string;

function tool(dir: string, name: string, script: string): void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\necho "${name} $*" >> "${log}"\n${script}\n`);
  chmodSync(file, 0o755);
}

/** A node that reports `version`, and a pnpm 10 that fills node_modules as an install would. */
function toolchain(dir: string, version: string): void {
  tool(dir, 'node', `echo ${version}`);
  tool(
    dir,
    'pnpm',
    [
      'if [ "$1" = "--version" ]; then echo 10.34.9; exit 0; fi',
      `if [ "$1" = "install" ]; then mkdir -p "${root}/node_modules/.pnpm" && cp "${root}/pnpm-lock.yaml" "${root}/node_modules/.pnpm/lock.yaml"; fi`,
      'exit 0',
    ].join('\n'),
  );
}

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'bootstrap.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: `${machineBin}:/bin:/usr/bin`, npm_config_prefix: '/elsewhere', HOME: root },
  });
  const calls = (() => {
    try {
      return readFileSync(log, 'utf8').trim().split('\n');
    } catch {
      return [];
    }
  })();
  rmSync(log, { force: true });
  return { status: result.status, stderr: result.stderr, calls };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'khabar-bootstrap-'));
  mkdirSync(join(root, 'scripts'));
  copyFileSync(bootstrap, join(root, 'scripts', 'bootstrap.mjs'));
  writeFileSync(join(root, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n");
  machineBin = join(root, 'machine-bin');
  log = join(root, 'calls.log');
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the bootstrap behind npm start and npm test', () => {
  it('on a machine with an old Node, installs the toolchain and the dependencies, then runs the task', () => {
    tool(machineBin, 'node', 'echo v20.20.2');
    // npm installs into the prefix it is given: here, stand-ins for Node.js 24 and pnpm 10.
    tool(
      machineBin,
      'npm',
      `prefix=$(echo "$*" | sed -n 's/.*--prefix \\([^ ]*\\).*/\\1/p'); mkdir -p "$prefix/bin"; cp "${machineBin}/node24" "$prefix/bin/node"; cp "${machineBin}/pnpm10" "$prefix/bin/pnpm"`,
    );
    toolchain(join(root, 'stand-ins'), 'v24.21.0');
    copyFileSync(join(root, 'stand-ins', 'node'), join(machineBin, 'node24'));
    copyFileSync(join(root, 'stand-ins', 'pnpm'), join(machineBin, 'pnpm10'));

    const first = run('test', '--project', 'store');
    expect(first.status).toBe(0);
    expect(first.calls).toContain(
      `npm install --global --prefix ${join(root, '.toolchain')} --no-audit --no-fund node@24.21.0 pnpm@10.34.9`,
    );
    expect(first.calls).toContain('pnpm install --frozen-lockfile');
    expect(first.calls.at(-1)).toBe('pnpm --silent run test:direct --project store');

    // Everything in place: nothing is installed again.
    const second = run('start');
    expect(second.status).toBe(0);
    expect(second.calls.filter((call) => call.startsWith('npm ') || call.includes(' install'))).toEqual([]);
    expect(second.calls.at(-1)).toBe('pnpm --silent run start:direct');
  });

  it('uses the machine’s own Node and pnpm when they are recent, and reinstalls when the lockfile changed', () => {
    toolchain(machineBin, 'v24.1.0');
    mkdirSync(join(root, 'node_modules', '.pnpm'), { recursive: true });
    writeFileSync(join(root, 'node_modules', '.pnpm', 'lock.yaml'), "lockfileVersion: '9.0'\n");
    const current = run('start');
    expect(current.status).toBe(0);
    expect(current.calls).not.toContain('pnpm install --frozen-lockfile');
    expect(current.calls.at(-1)).toBe('pnpm --silent run start:direct');

    writeFileSync(join(root, 'pnpm-lock.yaml'), "lockfileVersion: '9.0'\n# a new dependency\n");
    const stale = run('install');
    expect(stale.status).toBe(0);
    expect(stale.calls).toContain('pnpm install --frozen-lockfile');
    expect(stale.calls.some((call) => call.includes('run'))).toBe(false);
  });

  it('takes a Node 22 before 22.18, which cannot run TypeScript unflagged, for too old', () => {
    toolchain(machineBin, 'v22.17.1');
    tool(machineBin, 'npm', 'exit 3');
    const result = run('install');
    expect(result.status).toBe(1);
    expect(result.calls.find((call) => call.startsWith('npm '))).toMatch(/^npm install --global --prefix /);
    expect(result.stderr).toContain('exited with 3');
  });

  it('refuses an unknown task, and reports a failed install with its exit status, not a stack trace', () => {
    toolchain(machineBin, 'v24.1.0');
    const unknown = run('deploy');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^bootstrap: usage: node scripts\/bootstrap\.mjs <start\|test\|install>/);

    tool(machineBin, 'pnpm', 'if [ "$1" = "--version" ]; then echo 10.34.9; exit 0; fi\nexit 7');
    const failed = run('test');
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('bootstrap: pnpm install --frozen-lockfile exited with 7');
    expect(failed.stderr).not.toMatch(/\n\s+at /);
  });
});
