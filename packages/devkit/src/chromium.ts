import { chromiumExecutable } from './environment.ts';

/** Debian's Chromium, or the browser `CHROME_PATH` names. */
export const chromiumPath: string = chromiumExecutable();

/**
 * Flags for headless Chromium as root on a machine without network: no sandbox, no GPU, and none of
 * the background connections that a closed network refuses.
 */
export const chromiumFlags: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-breakpad',
];
