import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { freePort, freePorts } from './ports.ts';
import { startService, stopChild, waitUntilAnswering } from './processes.ts';

function serverScript(port: number, delayMs: number): string {
  return `setTimeout(() => require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1'), ${delayMs});`;
}

describe('freePort', () => {
  it('gives a port a server can then listen on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    expect((server.address() as { port: number }).port).toBe(port);
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('freePorts', () => {
  it('gives ports all different, each of which a server can then listen on at the same time', async () => {
    for (let round = 0; round < 20; round++) expect(new Set(await freePorts(3)).size).toBe(3);
    const ports = await freePorts(4);
    expect(ports).toHaveLength(4);
    const servers = await Promise.all(
      ports.map(
        (port) =>
          new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
            const server = createServer();
            server.once('error', reject);
            server.listen(port, '127.0.0.1', () => resolve(server));
          }),
      ),
    );
    expect(servers.map((server) => (server.address() as { port: number }).port)).toEqual(ports);
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });
});

describe('waitUntilAnswering and stopChild', () => {
  it('waits for a server that starts late, then stops it', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['-e', serverScript(port, 300)], { stdio: 'ignore' });
    await waitUntilAnswering(`http://127.0.0.1:${port}/`, child, 'server', 10_000);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    await stopChild(child);
    expect(child.signalCode).toBe('SIGTERM');
    await stopChild(child);
  });

  it('names the service when it exits before answering', async () => {
    const child = spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
    await expect(waitUntilAnswering('http://127.0.0.1:9/', child, 'API', 10_000)).rejects.toThrow(
      'the API stopped while starting',
    );
  });

  it('gives up after its time limit', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10_000)'], { stdio: 'ignore' });
    await expect(waitUntilAnswering(`http://127.0.0.1:${port}/`, child, 'site', 500)).rejects.toThrow(
      `the site did not answer at http://127.0.0.1:${port}/ within 1 s`,
    );
    await stopChild(child);
  });
});

describe('startService', () => {
  it('starts a node server and gives its URL and output', async () => {
    const port = await freePort();
    const script = `console.log('starting'); ${serverScript(port, 100)}`;
    const service = await startService({ name: 'echo', args: ['-e', script], port, probe: '/healthz' });
    expect(service.url).toBe(`http://127.0.0.1:${port}`);
    expect(await (await fetch(`${service.url}/healthz`)).text()).toBe('ok');
    expect(service.output()).toContain('starting');
    await service.stop();
    expect(service.child.signalCode).toBe('SIGTERM');
  });

  it('fails with what the process printed when it dies', async () => {
    const port = await freePort();
    const failing = startService({
      name: 'broken',
      args: ['-e', "console.error('bad config'); process.exit(1)"],
      port,
    });
    await expect(failing).rejects.toThrow(/the broken stopped while starting:\nbad config/);
  });
});
