import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnvironment } from '@khabar/devkit';
import { ArticleSummary, Page } from '@khabar/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { parsed } from '../test/documents.ts';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const seedText = readFileSync(
  fileURLToPath(new URL('../../../seeds/000_eaf3ae8403d3c001.txt', import.meta.url)),
  'utf8',
);

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>, cwd: string): Started {
  const child = spawn(process.execPath, [main], {
    cwd,
    env: { PATH: childEnvironment().PATH ?? '', KHABAR_API_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** The first JSON line on stdout with `msg`, once the process has written it. */
async function logLine(started: Started, msg: string): Promise<Record<string, unknown>> {
  for (;;) {
    const line = started
      .stdout()
      .split('\n')
      .filter((text) => text.startsWith('{'))
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((record) => record.msg === msg);
    if (line) return line;
    const exit = await Promise.race([
      started.exited,
      new Promise((resolve) => setTimeout(resolve, 50, 'wait')),
    ]);
    if (exit !== 'wait') throw new Error(`exited with ${String(exit)} before '${msg}': ${started.stderr()}`);
  }
}

describe('node src/main.ts', () => {
  const dirs: string[] = [];
  const children: ChildProcess[] = [];
  async function tempDir() {
    const dir = await mkdtemp(join(tmpdir(), 'khabar-api-main-'));
    dirs.push(dir);
    return dir;
  }
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('stops on a bad setting with one line naming it, exit 2, no stack trace', async () => {
    const started = start({ KHABAR_API_PORT: 'eighty' }, await tempDir());
    children.push(started.child);
    expect(await started.exited).toBe(2);
    expect(started.stderr()).toBe(
      'khabar-api: invalid configuration: KHABAR_API_PORT must be an integer from 0 to 65535 (got "eighty")\n',
    );
    expect(started.stdout()).toBe('');
  });

  it('fills an empty default store with the seed, serves it, and stops cleanly on SIGTERM', async () => {
    const cwd = await tempDir();
    const started = start({}, cwd);
    children.push(started.child);
    const listening = await logLine(started, 'listening');
    expect(listening).toMatchObject({ db: 'data/khabar.db', seeded: 1 });
    expect(existsSync(join(cwd, 'data', 'khabar.db'))).toBe(true);

    const response = await fetch(`${listening.url}/v1/articles`);
    const page = Page(ArticleSummary).parse(await response.json());
    expect(page.items.map((item) => item.id)).toContain(parsed(seedText).id);
    expect((await fetch(`${listening.url}/readyz`)).status).toBe(200);

    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
    expect(await logLine(started, 'stopping')).toMatchObject({ signal: 'SIGTERM' });
    const requests = started
      .stdout()
      .split('\n')
      .filter((line) => line.includes('"msg":"request"'));
    expect(requests).toHaveLength(2);
  });

  it('leaves a store the operator named as it is', async () => {
    const cwd = await tempDir();
    const started = start({ KHABAR_DB: join(cwd, 'own.db'), KHABAR_API_LOG: 'off' }, cwd);
    children.push(started.child);
    const listening = await logLine(started, 'listening');
    expect(listening.seeded).toBe(0);
    const page = Page(ArticleSummary).parse(await (await fetch(`${listening.url}/v1/articles`)).json());
    expect(page.items).toEqual([]);
    started.child.kill('SIGINT');
    expect(await started.exited).toBe(0);
    expect(started.stdout()).not.toContain('"msg":"request"');
  });
});
