import { describe, expect, it } from 'vitest';
import { documentPolicy, pageDirectives, pagePolicy, withSecurityHeaders } from './security.ts';

const astroPolicy = `${pageDirectives.join(';')}; script-src 'none' 'sha256-island='; style-src 'self' 'sha256-page=';`;

describe('security headers', () => {
  it('keep a page’s style hashes and allow no script', () => {
    const policy = pagePolicy(astroPolicy);
    expect(policy.split('; ')).toEqual([
      ...pageDirectives,
      "style-src 'self' 'sha256-page='",
      "script-src 'none'",
    ]);
  });

  it('give every answer the headers, and what has no policy the document one', () => {
    const feed = withSecurityHeaders(new Headers({ 'Content-Type': 'application/rss+xml' }));
    expect(Object.fromEntries(feed)).toMatchObject({
      'content-security-policy': documentPolicy,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'cross-origin-opener-policy': 'same-origin',
      'content-type': 'application/rss+xml',
    });
    const page = withSecurityHeaders(new Headers({ 'Content-Security-Policy': astroPolicy }));
    expect(page.get('content-security-policy')).toBe(pagePolicy(astroPolicy));
  });
});
