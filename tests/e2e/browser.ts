/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser, against its DOM.
// Debian's Chromium driven by playwright-core, with a fresh profile each run.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumFlags, chromiumPath } from '@khabar/devkit';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { root } from './stack.ts';

export const screenshotDir = join(root, 'test-output/screenshots');

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches Chromium; a missing browser fails the run with how to install it, never skips it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}: the browser tests need it. ` +
        'Install it with `apt-get install -y chromium` (as .ci/run does) or set CHROME_PATH.',
    );
  }
  const profile = await mkdtemp(join(tmpdir(), 'khabar-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: [...chromiumFlags],
    headless: true,
    locale: 'ar',
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the browser's debugging protocol: the site's policy (script-src 'none') would
  // refuse a <script> tag, as it should.
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ target }) => ({ target })),
    }));
}

/** Whether the reading face was fetched and is in use, as the page's own FontFaceSet reports. */
export function readingFontLoaded(page: Page): Promise<{ check: boolean; loaded: string[] }> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const family = 'Noto Naskh Arabic';
    const loaded = Array.from(document.fonts)
      .filter((face) => face.status === 'loaded')
      .map((face) => `${face.family.replaceAll('"', '')} ${face.unicodeRange.slice(0, 12)}`);
    return { check: document.fonts.check(`16px "${family}"`, 'خبر عربي'), loaded };
  });
}

/** How far the page overflows its viewport sideways, in CSS pixels (0 when it does not). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export const viewports = {
  desktop: { width: 1280, height: 900 },
  mobile: { width: 375, height: 812 },
} as const;

/** Saves a full-page screenshot under test-output/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
