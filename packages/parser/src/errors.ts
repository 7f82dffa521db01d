import { type CodeOf, codes, codesOf } from '@khabar/schema';

/** Every way `parseArticle` can refuse an input: the parser's codes of the code catalogue. */
export type ParseErrorCode = CodeOf<'parser'>;

/**
 * Each refusal's message (for people) and hint (what to do about it), from the code catalogue of
 * `@khabar/schema`; codes are stable, tools match on them.
 */
export const parseErrors = Object.fromEntries(
  codesOf('parser').map((code) => [code, { message: codes[code].message, hint: codes[code].hint }]),
) as Record<ParseErrorCode, { message: string; hint: string }>;

/** Why an input could not be read as an article. */
export interface ParseError {
  code: ParseErrorCode;
  message: string;
  hint?: string;
}

/** The catalogued error for a code. */
export function parseError(code: ParseErrorCode): ParseError {
  const { message, hint } = parseErrors[code];
  return { code, message, hint };
}
