// The main job's settings: the one place `scripts/start.ts` reads the environment. The API's own
// settings are checked here too, with the API's config module, so a bad one stops the job before the
// build rather than after it.
import { loadConfig } from '@khabar/api';
import { childEnvironment } from '@khabar/devkit';
import { type Environment, envInteger, readEnvironment } from '@khabar/schema';
import { z } from 'zod';

const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const Settings = z.object({
  KHABAR_HOST: optional.transform((value) => value ?? '127.0.0.1'),
  KHABAR_API_PORT: envInteger('KHABAR_API_PORT', 1, 65535, 8787),
  KHABAR_WEB_PORT: envInteger('KHABAR_WEB_PORT', 1, 65535, 4321),
  KHABAR_DB: optional,
  KHABAR_SITE_URL: optional,
  KHABAR_API_RATE_LIMIT_EXEMPT: optional,
});

export interface StartSettings {
  host: string;
  apiPort: number;
  webPort: number;
  /** Store location handed to the API and to `khabar ingest`; the API's default when unset. */
  db: string | undefined;
  /** The site's public URL, when set; the job's own address otherwise. */
  siteUrl: string | undefined;
  rateLimitExempt: string | undefined;
  /** The environment the services and commands start with. */
  env: Environment;
}

/** Reads and checks the settings; throws `ConfigError` with a one-line message naming the variable. */
export function readStartSettings(): StartSettings {
  const env = childEnvironment();
  const values = readEnvironment(Settings, env);
  loadConfig({
    ...env,
    KHABAR_API_PORT: String(values.KHABAR_API_PORT),
    KHABAR_API_HOST: values.KHABAR_HOST,
  });
  return {
    host: values.KHABAR_HOST,
    apiPort: values.KHABAR_API_PORT,
    webPort: values.KHABAR_WEB_PORT,
    db: values.KHABAR_DB,
    siteUrl: values.KHABAR_SITE_URL,
    rateLimitExempt: values.KHABAR_API_RATE_LIMIT_EXEMPT,
    env,
  };
}
