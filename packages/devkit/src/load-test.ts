/// <reference path="./autocannon.d.ts" />
import autocannon from 'autocannon';

/** Options and result of one autocannon run, as the benchmarks use them. */
export type LoadTestOptions = Parameters<typeof autocannon>[0];
export type LoadTestResult = Awaited<ReturnType<typeof autocannon>>;

/** Runs autocannon against a server on this machine and resolves to its summary. */
export function loadTest(options: LoadTestOptions): Promise<LoadTestResult> {
  return autocannon(options);
}
