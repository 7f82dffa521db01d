import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const driver = pathToFileURL(createRequire(import.meta.url).resolve('better-sqlite3')).href;

/** Another process holding a SQLite database's write lock, as `khabar ingest` does while it writes. */
export interface LockHolder {
  /** Resolves when the process has let go of the lock and ended. */
  released: Promise<void>;
}

/**
 * Starts a process that opens `location` with better-sqlite3, takes the write lock (`BEGIN
 * IMMEDIATE`), holds it for `holdMs` and rolls back; resolves once the lock is taken.
 */
export function holdWriteLock(location: string, holdMs: number): Promise<LockHolder> {
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
  const released = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      if (chunk.includes('locked')) resolve({ released });
    });
    child.on('exit', (code) => reject(new Error(`the lock holder ended before taking the lock (${code})`)));
  });
}
