import { fileURLToPath } from 'node:url';
import { freePorts, type Service, startService } from '@khabar/devkit';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

/**
 * Starts `count` API processes (`src/main.ts`, each on a free port, ready once `/readyz` answers)
 * together, with `env` on top of their port: on one PostgreSQL, the first migrates while the others
 * wait for its lock. If any fails to start, the others are stopped and the failure thrown.
 */
export async function startApiProcesses(count: number, env: Record<string, string>): Promise<Service[]> {
  const ports = await freePorts(count);
  const started = await Promise.allSettled(
    ports.map((port, index) =>
      startService({
        name: `API process ${index + 1}`,
        args: [main],
        port,
        probe: '/readyz',
        env: { ...env, KHABAR_API_PORT: String(port) },
      }),
    ),
  );
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    for (const result of started) if (result.status === 'fulfilled') await result.value.stop();
    throw failed.reason;
  }
  return started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
}
