// The site's whole configuration, read once from the environment and validated.
import { z } from 'zod';

const Environment = z.object({
  KHABAR_API_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8787'),
  /** Public origin of the site for canonical and feed links; the request's origin when unset. */
  KHABAR_SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  KHABAR_WEB_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(20),
});

export interface Config {
  /** Base URL of the Khabar API, without a trailing slash. */
  apiUrl: string;
  /** Public origin of the site, without a trailing slash, or null to use each request's origin. */
  siteUrl: string | null;
  /** Articles or search results per listing page. */
  pageSize: number;
}

/** Validates the environment; a bad value is a startup error that names the variable. */
export function readConfig(environment: Record<string, string | undefined>): Config {
  const parsed = Environment.safeParse(environment);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid site configuration: ${issues.join('; ')}`);
  }
  return {
    apiUrl: parsed.data.KHABAR_API_URL.replace(/\/+$/, ''),
    siteUrl: parsed.data.KHABAR_SITE_URL?.replace(/\/+$/, '') ?? null,
    pageSize: parsed.data.KHABAR_WEB_PAGE_SIZE,
  };
}

export const config: Config = readConfig(process.env);
