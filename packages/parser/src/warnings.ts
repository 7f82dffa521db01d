import type { Warning } from '@khabar/schema';

/**
 * Every warning the parser gives. A warning accounts for an input line that is in no field (dropped
 * chrome, an unreadable date) or for a guess the reader should know about.
 */
export const warningCodes = {
  chrome_dropped: 'Site chrome (share or follow prompt, ad placeholder) dropped',
  no_text_dropped: 'Line without letters or digits dropped',
  outside_article: 'Line outside the article (site menu, list, sidebar or footer) dropped',
  date_unreadable: 'Date line whose date could not be read; publishedAt left null',
  date_relative: 'Relative date without a reference time; publishedAt left null',
  date_repeated: 'Second date line before the body; the first one was kept',
  read_also_without_headline: 'Read-also marker with no headline after it',
  source_empty: 'Source credit without a name',
  source_repeated: 'Second credit of the same kind; the first one was kept',
  keywords_empty: 'Keywords label without tags',
  unexpected_line: 'Line with no place in the layout, such as a footer line among the appended articles',
  no_body: 'No body paragraph found',
  charset_problem: 'The bytes did not fit their declared or detected encoding; some characters may be wrong',
  metadata_conflict: "The page's sources disagree; the most trusted one was kept",
} as const satisfies Record<string, string>;

export type WarningCode = keyof typeof warningCodes;

/** A warning about one input line (1-based), or about the whole text when `line` is null. */
export function warning(code: WarningCode, line: number | null, detail?: string): Warning {
  const message = detail === undefined ? warningCodes[code] : `${warningCodes[code]}: ${detail}`;
  return { code, message, line };
}
