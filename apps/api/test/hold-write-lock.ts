import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

// The driver the store uses, found from the store package (the API does not depend on it itself).
const driver = pathToFileURL(
  createRequire(import.meta.resolve('@khabar/store')).resolve('better-sqlite3'),
).href;

/**
 * Starts a process that opens the SQLite file at `location`, takes its write lock (`BEGIN IMMEDIATE`,
 * as `khabar ingest` does while it writes), holds it for `holdMs` and rolls back. Resolves once the
 * lock is taken, with a promise of the process's end.
 */
export function holdWriteLock(location: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const script = [
    `const { default: Database } = await import(${JSON.stringify(driver)});`,
    `const db = new Database(${JSON.stringify(location)});`,
    "db.exec('BEGIN IMMEDIATE');",
    "process.stdout.write('locked\\n');",
    `setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, ${holdMs});`,
  ].join('\n');
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const released = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (chunk.includes('locked')) resolve({ released });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the lock holder ended before taking the lock (${code})`)));
  });
}
