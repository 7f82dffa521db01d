// The site's settings: the one place it reads the environment. They are read when first needed (the
// server's first request), not when a module is imported; `pnpm start` checks them before the site starts.
import { type Environment, envInteger, envUrl, readEnvironment } from '@khabar/schema';
import { z } from 'zod';

const Settings = z.object({
  KHABAR_API_URL: envUrl('KHABAR_API_URL').transform((value) => value ?? 'http://127.0.0.1:8787'),
  /** Public origin of the site for canonical and feed links; the request's origin when unset. */
  KHABAR_SITE_URL: envUrl('KHABAR_SITE_URL'),
  KHABAR_WEB_PAGE_SIZE: envInteger('KHABAR_WEB_PAGE_SIZE', 1, 100, 20),
});

export interface SiteConfig {
  /** Base URL of the Khabar API, without a trailing slash. */
  apiUrl: string;
  /** Public origin of the site, without a trailing slash, or null to use each request's origin. */
  siteUrl: string | null;
  /** Articles or search results per listing page. */
  pageSize: number;
}

/** Reads and validates the settings; throws `ConfigError` with a one-line message naming the variable. */
export function loadConfig(env: Environment): SiteConfig {
  const settings = readEnvironment(Settings, env);
  return {
    apiUrl: settings.KHABAR_API_URL,
    siteUrl: settings.KHABAR_SITE_URL ?? null,
    pageSize: settings.KHABAR_WEB_PAGE_SIZE,
  };
}

let current: SiteConfig | undefined;

/** The running site's settings, from its environment, read once. */
export function siteConfig(): SiteConfig {
  current ??= loadConfig(process.env);
  return current;
}
