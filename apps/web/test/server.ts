import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, type Service, startService } from '@khabar/devkit';

const entry = fileURLToPath(new URL('../dist/server/entry.mjs', import.meta.url));

/** Starts the built site on `port` (a free one when not given) and waits until it answers. */
export async function startSite(env: Record<string, string> = {}, port?: number): Promise<Service> {
  if (!existsSync(entry)) throw new Error(`the site is not built: ${entry} is missing (run pnpm build)`);
  port ??= await freePort();
  return startService({
    name: 'site',
    args: [entry],
    port,
    env: { HOST: '127.0.0.1', PORT: String(port), ...env },
    timeoutMs: 20_000,
  });
}
