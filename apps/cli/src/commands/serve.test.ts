import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnvironment } from '@khabar/devkit';
import { openStore } from '@khabar/store';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryIo } from '../../test/test-io.ts';
import { run } from '../cli.ts';

const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));

interface Served {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** The URL from the `serving` line, once it is written. */
  url: Promise<string>;
}

function serve(args: string[], cwd: string, env: Record<string, string> = {}): Served {
  const child = spawn(process.execPath, [bin, 'serve', ...args], {
    cwd,
    env: { PATH: childEnvironment().PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const match = /serving (http:\/\/\S+) from/.exec(err);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  // A process that fails to start rejects `url`; the tests that expect that await `exited` instead.
  url.catch(() => {});
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited, url };
}

describe('khabar serve', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  async function tempDir() {
    const dir = await mkdtemp(join(tmpdir(), 'khabar-serve-'));
    dirs.push(dir);
    return dir;
  }
  /** An empty SQLite store in `dir`, as \`khabar ingest\` leaves one. */
  async function emptyStore(dir: string, name: string) {
    await (await openStore(join(dir, name))).close();
  }

  it('serves the default store, seeded when empty, and stops with exit 0 on SIGINT', async () => {
    const served = serve(['--port', '0'], await tempDir());
    children.push(served.child);
    const url = await served.url;
    expect(served.stderr()).toMatch(/data\/khabar\.db, 1 seed article\(s\) stored; Ctrl-C stops\n/);
    const page = (await (await fetch(`${url}/v1/articles?limit=5`)).json()) as { items: unknown[] };
    expect(page.items.length).toBeGreaterThan(0);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    served.child.kill('SIGINT');
    expect(await served.exited).toBe(0);
    expect(served.stderr()).toContain('khabar: SIGINT, stopping\n');
    const logged = served
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { path: string; status: number });
    expect(logged.map((record) => [record.path, record.status])).toEqual([
      ['/v1/articles', 200],
      ['/readyz', 200],
    ]);
  });

  it('serves the store --db names as it is, on the port --port gives', async () => {
    const dir = await tempDir();
    await emptyStore(dir, 'own.db');
    const served = serve(['--port', '0', '--db', 'own.db'], dir, { KHABAR_API_LOG: 'off' });
    children.push(served.child);
    const url = await served.url;
    expect(served.stderr()).toContain(`from ${join(dir, 'own.db')}; Ctrl-C stops`);
    const page = (await (await fetch(`${url}/v1/articles`)).json()) as { items: unknown[] };
    expect(page.items).toEqual([]);
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    expect(served.stdout()).toBe('');
  });

  it('reports a port already in use in one line, exit 1', async () => {
    const dir = await tempDir();
    await emptyStore(dir, 'a.db');
    await emptyStore(dir, 'b.db');
    const first = serve(['--port', '0', '--db', 'a.db'], dir);
    children.push(first.child);
    const port = new URL(await first.url).port;
    const second = serve(['--port', port, '--db', 'b.db'], dir);
    children.push(second.child);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toBe(`khabar: cannot listen on 127.0.0.1:${port} (EADDRINUSE)\n`);
  });

  it.each([
    [['--db', 'nowhere/k.db'], {}],
    [[], { KHABAR_DB: 'nowhere/k.db' }],
  ] as const)(
    'refuses a named SQLite store that is not there (%j %j), exit 1, creating nothing',
    async (args, env) => {
      const dir = await tempDir();
      const { io, stdout, stderr } = memoryIo({ cwd: dir, env: { ...env } });
      expect(await run(['serve', '--port', '0', ...args], io)).toBe(1);
      const missing = join(dir, 'nowhere', 'k.db');
      expect(stderr()).toBe(
        `khabar: no store at ${missing} (nothing is created for a command that only reads; 'khabar ingest --db ${missing}' creates one)\n`,
      );
      expect(stdout()).toBe('');
      expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    },
  );

  it.each([
    [['--port', 'eighty'], {}, "khabar: serve: --port must be a number from 0 to 65535 (got 'eighty')\n"],
    [
      ['--port', '99999'],
      {},
      'khabar: serve: invalid configuration: KHABAR_API_PORT must be an integer from 0 to 65535 (got "99999")\n',
    ],
    [['extra'], {}, /^khabar: serve: .*'extra'.*\n$/],
    [
      [],
      { KHABAR_API_KEYS: 'short' },
      'khabar: serve: invalid configuration: KHABAR_API_KEYS: each key must have at least 16 characters\n',
    ],
  ] as const)('refuses %j %j as a usage error (exit 2, one line)', async (args, env, message) => {
    const { io, stdout, stderr } = memoryIo({ env: { ...env } });
    expect(await run(['serve', ...args], io)).toBe(2);
    expect(stdout()).toBe('');
    if (typeof message === 'string') expect(stderr()).toBe(message);
    else expect(stderr()).toMatch(message);
  });
});
