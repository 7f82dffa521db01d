import { z } from 'zod';

/** The variables an app reads: their names and raw values. */
export type Environment = Record<string, string | undefined>;

/**
 * A setting from the environment that is not valid. Apps read their settings once, when they start, and
 * stop with this error's one-line message: it names the variable and the values it takes.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly code = 'invalid_config' as const;
  /** The variable at fault, when one is. */
  readonly variable: string | null;

  constructor(message: string, variable: string | null = null) {
    super(message);
    this.variable = variable;
  }
}

/**
 * Reads `env` with a zod object of its variables; the first failing variable becomes a `ConfigError`
 * whose message starts with `invalid configuration:` and names the variable once.
 */
export function readEnvironment<T extends z.ZodType>(schema: T, env: Environment): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = typeof issue?.path[0] === 'string' ? issue.path[0] : null;
  const message = issue?.message ?? 'invalid value';
  const named = variable !== null && !message.includes(variable) ? `${variable}: ${message}` : message;
  throw new ConfigError(`invalid configuration: ${named}`, variable);
}

/** A whole number from `min` to `max`, `fallback` when unset or empty. */
export function envInteger(name: string, min: number, max: number, fallback: number) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value === '') return fallback;
      const parsed = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
        context.addIssue({
          code: 'custom',
          message: `${name} must be an integer from ${min} to ${max} (got "${value}")`,
        });
        return z.NEVER;
      }
      return parsed;
    });
}

/** A comma-separated list, its items trimmed and empty ones dropped. */
export function envList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** An http(s) URL without its trailing slashes, or undefined when unset or empty. */
export function envUrl(name: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.url({ protocol: /^https?$/, message: `${name} must be an http(s) URL` }).optional())
    .transform((value) => value?.replace(/\/+$/, ''));
}

/**
 * A location fit for logs and messages: a URL (a database's, Redis's) loses its password, and one too
 * malformed to read is cut to its scheme, since it may hold a password where no parser finds it. A file
 * path is kept as it is.
 */
export function redactLocation(location: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location);
  if (scheme === null) return location;
  if (!URL.canParse(location)) return `${scheme[0]}…`;
  const url = new URL(location);
  if (url.password === '') return location;
  url.password = '***';
  return url.toString();
}
