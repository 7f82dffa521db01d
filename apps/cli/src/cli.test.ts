import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../test/test-io.ts';
import { run } from './cli.ts';

const packageVersion = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

describe('khabar', () => {
  it('--version prints the package version', async () => {
    const { io, stdout } = memoryIo();
    expect(await run(['--version'], io)).toBe(0);
    expect(stdout()).toBe(`${packageVersion}\n`);
  });

  it('--help lists usage and exits 0', async () => {
    const { io, stdout } = memoryIo();
    expect(await run(['--help'], io)).toBe(0);
    expect(stdout()).toContain('Usage: khabar <command>');
  });

  it('no arguments prints help and exits 2', async () => {
    const { io, stdout } = memoryIo();
    expect(await run([], io)).toBe(2);
    expect(stdout()).toContain('Commands:');
  });

  it('an unknown command is a usage error on stderr, exit 2, no stack trace', async () => {
    const { io, stdout, stderr } = memoryIo();
    expect(await run(['frobnicate'], io)).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toBe("khabar: unknown command 'frobnicate' (see 'khabar --help')\n");
  });

  it('loads only what the command needs: parse loads the parser, not the store or the server', async () => {
    const bin = new URL('./bin.ts', import.meta.url).pathname;
    const trace = new URL('../test/fixtures/trace-imports.ts', import.meta.url).pathname;
    const seed = new URL('../../../seeds/000_eaf3ae8403d3c001.txt', import.meta.url).pathname;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [
      '--import',
      trace,
      bin,
      'parse',
      seed,
    ]);
    expect(JSON.parse(stdout).title).toContain('وزير الخارجية الصيني');
    const resolved = stderr.split('\n').filter((line) => line.startsWith('resolved '));
    expect(resolved.some((line) => line.includes('/packages/parser/'))).toBe(true);
    expect(
      resolved.filter((line) => /\/packages\/store\/|\/apps\/api\/|better-sqlite3|hono|\bpg\b/.test(line)),
    ).toEqual([]);
  });

  it('runs as a process from its bin file', async () => {
    const bin = new URL('./bin.ts', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--version']);
    expect(stdout.trim()).toBe(packageVersion);
  });
});
