// A thread that checks the embedded store's file for damage and goes: a full check reads every page
// (seconds on a large store), which would otherwise hold up the thread that answers requests.
import { parentPort, workerData } from 'node:worker_threads';
import { StoreError } from '../errors.ts';
import type { IntegrityReport } from '../types.ts';
import { checkFile } from './integrity.ts';

export interface CheckThreadData {
  path: string;
  depth: IntegrityReport['depth'];
  lockWaitMs: number;
  pageCacheMiB: number;
}

export type CheckReply =
  | { report: IntegrityReport }
  | { error: { message: string; storeCode?: StoreError['code'] } };

const { path, depth, lockWaitMs, pageCacheMiB } = workerData as CheckThreadData;
if (parentPort) {
  let reply: CheckReply;
  try {
    reply = { report: checkFile(path, depth, { lockWaitMs, pageCacheMiB }) };
  } catch (error) {
    reply = {
      error: {
        message: (error as Error).message,
        ...(error instanceof StoreError ? { storeCode: error.code } : {}),
      },
    };
  }
  parentPort.postMessage(reply);
}
