import { once } from 'node:events';
import { StoreError } from '../errors.ts';
import type { IntegrityReport } from '../types.ts';
import type { CheckReply, CheckThreadData } from './check-worker.ts';
import { startWorker } from './search-threads.ts';

// Next to this module in the sources, next to the bundle once built.
const workerFile = new URL(
  import.meta.url.endsWith('.ts') ? './check-worker.ts' : './check-worker.js',
  import.meta.url,
);

/** Checks a database file on a thread of its own, started for this check and stopped after. */
export async function checkOnThread(data: CheckThreadData): Promise<IntegrityReport> {
  const worker = startWorker(workerFile, data);
  try {
    const [reply] = (await Promise.race([
      once(worker, 'message'),
      once(worker, 'exit').then(([code]) => {
        throw new StoreError('unavailable', `the check thread stopped (exit code ${code})`);
      }),
    ])) as [CheckReply];
    if ('report' in reply) return reply.report;
    throw reply.error.storeCode
      ? new StoreError(reply.error.storeCode, reply.error.message)
      : new Error(reply.error.message);
  } finally {
    await worker.terminate();
  }
}
