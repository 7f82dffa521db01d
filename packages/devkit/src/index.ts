export { chromiumFlags, chromiumPath } from './chromium.ts';
export { type LoadTestOptions, type LoadTestResult, loadTest } from './load-test.ts';
export { freePort } from './ports.ts';
export {
  type Service,
  type ServiceOptions,
  startService,
  stopChild,
  waitUntilAnswering,
} from './processes.ts';
export { seededRandom, zipfSampler } from './random.ts';
