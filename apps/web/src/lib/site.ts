import { siteConfig } from './config.ts';

/** The public origin: configured, or the one the request came to. */
export function siteOrigin(requestUrl: URL): string {
  return siteConfig().siteUrl ?? requestUrl.origin;
}

/** An absolute URL on the site for a path such as `/articles/x`. */
export function absolute(path: string, requestUrl: URL): string {
  return `${siteOrigin(requestUrl)}${path}`;
}
