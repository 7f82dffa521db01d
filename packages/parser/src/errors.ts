/**
 * Every way `parseArticle` can refuse an input. Codes are stable (tools match on them); messages are
 * for people; hints say what to do about it.
 */
export const parseErrors = {
  not_a_string: {
    message: 'The input is not a string.',
    hint: 'Pass the document text; decode bytes first, e.g. with `new TextDecoder().decode(bytes)`.',
  },
  binary_input: {
    message: 'The input is not text: it contains NUL or other control characters.',
    hint: 'Check that the file is a text dump (UTF-8) and not an image, archive or UTF-16 file read as UTF-8.',
  },
  empty_input: {
    message: 'The input is empty.',
    hint: 'Give the text of a news page: its title on the first line.',
  },
  whitespace_only: {
    message: 'The input holds only whitespace and invisible characters.',
    hint: 'Give the text of a news page: its title on the first line.',
  },
  no_title: {
    message: 'No line of the input has a letter or digit to serve as the title.',
    hint: 'The first non-empty line of a document is its title.',
  },
  not_json: {
    message: 'The document is not valid JSON.',
    hint: 'A .json file holds one article or an array of them; a .jsonl file one article per line.',
  },
  not_an_article: {
    message: 'The JSON is not a valid article.',
    hint: 'Give articles as `khabar parse` prints them; the article schema lists every field.',
  },
  archive_input: {
    message: 'The document is a web archive, which holds many documents.',
    hint: 'Read web archives (WARC, WET, plain or gzipped) with `readArchive`, or `khabar ingest`.',
  },
  damaged_record: {
    message: 'A record of the web archive is damaged or truncated.',
    hint: 'The archive is read on from the next record; the damaged one is left out.',
  },
  unreadable_input: {
    message: 'The input could not be read.',
    hint: 'Check that the file exists and can be read.',
  },
  internal_error: {
    message: 'The parser failed on this input.',
    hint: 'This is a bug in @khabar/parser: report it with the input that caused it.',
  },
} as const satisfies Record<string, { message: string; hint: string }>;

export type ParseErrorCode = keyof typeof parseErrors;

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
