import { type ChildProcess, spawn } from 'node:child_process';
import { childEnvironment } from './environment.ts';

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Resolves once `url` answers any HTTP response; rejects when the child stops first or the time runs
 * out, naming the service.
 */
export async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  name: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(child)) throw new Error(`the ${name} stopped while starting`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`the ${name} did not answer at ${url} within ${Math.round(timeoutMs / 1000)} s`);
}

/** Sends `signal` to the child unless it has already exited, and resolves when it has. */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (hasExited(child)) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A Node process serving HTTP on the loopback address. */
export interface Service {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Names the service in errors. */
  name: string;
  /** Arguments to `node`: the entry file first. */
  args: string[];
  port: number;
  env?: Record<string, string>;
  cwd?: string;
  /** Path under the service's URL that answers once it is up. */
  probe?: string;
  timeoutMs?: number;
}

/** Spawns `node` with the arguments and resolves once the probe answers; on failure, stops it and says why. */
export async function startService(options: ServiceOptions): Promise<Service> {
  const child = spawn(process.execPath, options.args, {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: childEnvironment(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = () => stopChild(child);
  try {
    await waitUntilAnswering(`${url}${options.probe ?? '/'}`, child, options.name, options.timeoutMs);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}:\n${output}`);
  }
  return { url, child, output: () => output, stop };
}
