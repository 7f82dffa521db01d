export { chromiumFlags, chromiumPath } from './chromium.ts';
export { childEnvironment, testPostgresUrl, testRedisUrl } from './environment.ts';
export { holdWriteLock, type LockHolder } from './hold-write-lock.ts';
export { type LoadTestOptions, type LoadTestResult, loadTest } from './load-test.ts';
export { childrenNamed, childText, parseXml, readAsHtml, type XmlElement } from './markup.ts';
export { freePort, freePorts } from './ports.ts';
export {
  type Service,
  type ServiceOptions,
  startService,
  stopChild,
  waitUntilAnswering,
} from './processes.ts';
export { seededRandom, zipfSampler } from './random.ts';
export { type ScratchDatabase, scratchDatabase } from './scratch-database.ts';
