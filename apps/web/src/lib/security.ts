// What every answer of the site tells the browser about what it may load, embed and send.

/**
 * The Content-Security-Policy of a page, but for `script-src` and `style-src`. Astro writes the policy
 * (`security.csp` in `astro.config.mjs`) with `style-src` holding the hash of every stylesheet the build
 * inlined, so no other style can apply; `script-src` becomes `'none'` (`pagePolicy`). Everything else is
 * shut unless named here:
 * - fonts: the self-hosted faces;
 * - images: the favicon, and an article's lead image, which stays on the article's original site
 *   (any http(s) host: the site does not copy images). An image runs nothing; on an https page the
 *   browser upgrades an http one before this list is consulted;
 * - forms: the search form posts to the site itself; `<base>` is refused, and no page may be framed;
 * - connections: the site's own origin only. No script of ours connects anywhere, but audit tools
 *   (Lighthouse reads `/robots.txt` from within the page) do, and are refused under `'none'`.
 */
export const pageDirectives = [
  "default-src 'none'",
  "font-src 'self'",
  "img-src 'self' https: http:",
  "form-action 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
] as const;

/**
 * The policy of every answer Astro did not give one: feeds, the sitemap, robots.txt, plain-text errors.
 * None of them is a page, so none may load or run anything, should a browser render one.
 */
export const documentPolicy =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Sent with every answer. No `Permissions-Policy`: with no script at all, nothing on a page can ask for
 * a camera or a location.
 */
export const securityHeaders = {
  'X-Content-Type-Options': 'nosniff',
  // For browsers that predate `frame-ancestors`.
  'X-Frame-Options': 'DENY',
  // Sites an article links to learn that a reader came from here, not which page they read.
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
} as const;

/**
 * A page's policy from the one Astro wrote, with no script allowed. Astro lists the hashes of its island
 * runtime in `script-src` even on pages without islands, and the site has none: its pages run no script.
 * The JSON-LD block is a data block, which the browser never runs and CSP does not govern.
 */
export function pagePolicy(astroPolicy: string): string {
  const directives = astroPolicy
    .split(';')
    .map((directive) => directive.trim().replace(/\s+/g, ' '))
    .filter((directive) => directive !== '' && !/^script-src(?:-elem|-attr)?(?: |$)/.test(directive));
  return [...directives, "script-src 'none'"].join('; ');
}

/**
 * Headers with the security headers set: a page's policy stripped of scripts, the document policy where
 * no policy was set.
 */
export function withSecurityHeaders(headers: Headers): Headers {
  const secured = new Headers(headers);
  for (const [name, value] of Object.entries(securityHeaders)) secured.set(name, value);
  const policy = secured.get('Content-Security-Policy');
  secured.set('Content-Security-Policy', policy === null ? documentPolicy : pagePolicy(policy));
  return secured;
}
