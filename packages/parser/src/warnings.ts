import { type CodeOf, codes, codesOf, type Warning } from '@khabar/schema';

/**
 * Every warning the parser gives, with its message, from the code catalogue of `@khabar/schema`. A
 * warning accounts for an input line that is in no field (dropped chrome, an unreadable date) or for a
 * guess the reader should know about.
 */
export type WarningCode = CodeOf<'warning'>;

export const warningCodes = Object.fromEntries(
  codesOf('warning').map((code) => [code, codes[code].message]),
) as Record<WarningCode, string>;

/** A warning about one input line (1-based), or about the whole text when `line` is null. */
export function warning(code: WarningCode, line: number | null, detail?: string): Warning {
  const message = detail === undefined ? warningCodes[code] : `${warningCodes[code]}: ${detail}`;
  return { code, message, line };
}
