/**
 * Every error and warning code Khabar gives, in one catalogue: the parser's refusals and warnings, the
 * store's failures, the API's problem types, the configuration's and the site's. Codes are stable
 * snake_case (tools match on them); `title` and `message` are for people, `hint` says what to do about
 * it, `status` is the HTTP status where one applies. Where a reader sees the failure on the site,
 * `reader` holds the Arabic the site shows.
 */

/** Who gives a code: a code given by several parts means the same to each. */
export type CodeSource = 'parser' | 'warning' | 'store' | 'api' | 'config' | 'site';

export interface CodeEntry {
  sources: readonly CodeSource[];
  title: string;
  message: string;
  hint: string;
  status?: number;
  reader?: { title: string; text: string };
}

const unavailableReader = {
  title: 'الأخبار غير متاحة الآن',
  text: 'تعذّر علينا الوصول إلى خدمة الأخبار. أعد المحاولة بعد قليل.',
};

export const codes = {
  // Why a document could not be read as an article (the parser, and the CLI's reading of files).
  not_a_string: {
    sources: ['parser'],
    title: 'Not a string',
    message: 'The input is not a string.',
    hint: 'Pass the document text; decode bytes first, e.g. with `new TextDecoder().decode(bytes)`.',
  },
  binary_input: {
    sources: ['parser'],
    title: 'Not text',
    message: 'The input is not text: it holds NULs or other control characters in numbers text never has.',
    hint: 'Check that the file is a text dump (UTF-8) and not an image, archive or UTF-16 file read as UTF-8.',
  },
  empty_input: {
    sources: ['parser'],
    title: 'Empty input',
    message: 'The input is empty.',
    hint: 'Give the text of a news page: its title on the first line.',
  },
  whitespace_only: {
    sources: ['parser'],
    title: 'Only whitespace',
    message: 'The input holds only whitespace and invisible characters.',
    hint: 'Give the text of a news page: its title on the first line.',
  },
  no_title: {
    sources: ['parser'],
    title: 'No title',
    message: 'No line of the input has a letter or digit to serve as the title.',
    hint: 'The first non-empty line of a document is its title.',
  },
  not_json: {
    sources: ['parser'],
    title: 'Not JSON',
    message: 'The document is not valid JSON.',
    hint: 'A .json file holds one article or an array of them; a .jsonl file one article per line.',
  },
  not_an_article: {
    sources: ['parser'],
    title: 'Not an article',
    message: 'The JSON is not a valid article.',
    hint: 'Give articles as `khabar parse` prints them; the article schema lists every field.',
  },
  archive_input: {
    sources: ['parser'],
    title: 'A web archive',
    message: 'The document is a web archive, which holds many documents.',
    hint: 'Read web archives (WARC, WET, plain or gzipped) with `readArchive`, or `khabar ingest`.',
  },
  damaged_record: {
    sources: ['parser'],
    title: 'Damaged archive record',
    message: 'A record of the web archive is damaged or truncated.',
    hint: 'The archive is read on from the next record; the damaged one is left out.',
  },
  unreadable_input: {
    sources: ['parser'],
    title: 'Unreadable input',
    message: 'The input could not be read.',
    hint: 'Check that the file exists and can be read.',
  },

  // What the parser dropped, guessed or could not read: warnings on an article, each with its line.
  chrome_dropped: {
    sources: ['warning'],
    title: 'Site chrome dropped',
    message: 'Site chrome (share or follow prompt, ad placeholder) dropped',
    hint: 'Nothing to do: the line is not part of the article.',
  },
  no_text_dropped: {
    sources: ['warning'],
    title: 'Line without text dropped',
    message: 'Line without letters or digits dropped',
    hint: 'Nothing to do: separators and decorations are not part of the article.',
  },
  outside_article: {
    sources: ['warning'],
    title: 'Line outside the article dropped',
    message: 'Line outside the article (site menu, list, sidebar or footer) dropped',
    hint: 'Nothing to do, unless the line belongs to the article: then report the page.',
  },
  date_unreadable: {
    sources: ['warning'],
    title: 'Unreadable date',
    message: 'Date line whose date could not be read; publishedAt left null',
    hint: 'The date formats read are listed in the input format; report a common one that is missing.',
  },
  date_relative: {
    sources: ['warning'],
    title: 'Relative date',
    message: 'Relative date without a reference time; publishedAt left null',
    hint: 'Pass the time the page was fetched as the reference (`now`), e.g. the archive record date.',
  },
  date_repeated: {
    sources: ['warning'],
    title: 'Second date line',
    message: 'Second date line before the body; the first one was kept',
    hint: 'Nothing to do, unless the second date is the right one.',
  },
  read_also_without_headline: {
    sources: ['warning'],
    title: 'Read-also without headline',
    message: 'Read-also marker with no headline after it',
    hint: 'Nothing to do: the marker is dropped.',
  },
  related_without_footer: {
    sources: ['warning'],
    title: 'Appended articles without a footer',
    message:
      'A read-also block began before any credits or keywords line: the lines after it were read as appended articles, not as body',
    hint: 'Nothing to do when they are other articles; if they are the article’s own paragraphs, report the document.',
  },
  source_empty: {
    sources: ['warning'],
    title: 'Empty source credit',
    message: 'Source credit without a name',
    hint: 'Nothing to do: the credit is dropped.',
  },
  source_repeated: {
    sources: ['warning'],
    title: 'Second source credit',
    message: 'Second credit of the same kind; the first one was kept',
    hint: 'Nothing to do, unless the second credit is the right one.',
  },
  keywords_empty: {
    sources: ['warning'],
    title: 'Empty keywords line',
    message: 'Keywords label without tags',
    hint: 'Nothing to do: the label is dropped.',
  },
  unexpected_line: {
    sources: ['warning'],
    title: 'Line out of place',
    message: 'Line with no place in the layout, such as a footer line among the appended articles',
    hint: 'Check the line: the layout does not expect it where it is.',
  },
  no_body: {
    sources: ['warning'],
    title: 'No body',
    message: 'No body paragraph found',
    hint: 'Check that the document holds the article text, not only its title.',
  },
  charset_problem: {
    sources: ['warning'],
    title: 'Charset problem',
    message: 'The bytes did not fit their declared or detected encoding; some characters may be wrong',
    hint: 'Give the page with its right charset (HTTP header or meta tag), or convert it to UTF-8.',
  },
  metadata_conflict: {
    sources: ['warning'],
    title: 'Conflicting page metadata',
    message: "The page's sources disagree; the most trusted one was kept",
    hint: 'Nothing to do, unless the kept value is wrong: then report the page.',
  },

  // The store's failures, and the API's answers to requests.
  validation_failed: {
    sources: ['api'],
    title: 'The request is not valid',
    message: 'A parameter or the body failed validation; `errors` lists each failing field.',
    hint: 'Correct the fields listed in `errors`; the OpenAPI document gives every parameter.',
    status: 400,
  },
  malformed_json: {
    sources: ['api'],
    title: 'The request body is not valid JSON',
    message: 'The body was sent as JSON but could not be parsed.',
    hint: 'Send well-formed JSON, or the document as `text/plain` or `text/html`.',
    status: 400,
  },
  invalid_cursor: {
    sources: ['store', 'api'],
    title: 'The cursor is not valid',
    message: 'The cursor is not one this store gave.',
    hint: 'Pass back the `nextCursor` of a page unchanged, with the same filters.',
    status: 400,
  },
  slug_taken: {
    sources: ['store', 'api'],
    title: 'The slug is taken',
    message: 'Other stored articles hold both the slug asked for and the one made from it with the id.',
    hint: 'Send the article with another slug, or delete the article that holds it.',
    status: 409,
  },
  invalid_query: {
    sources: ['store', 'api'],
    title: 'The query cannot be run',
    message: 'The store could not run the query as given.',
    hint: 'Check the filters and the limit against the documented ranges.',
    status: 400,
  },
  bad_request: {
    sources: ['api', 'site'],
    title: 'Bad request',
    message: 'The request could not be understood.',
    hint: 'Check the address and its parameters.',
    status: 400,
    reader: {
      title: 'الرابط غير صالح',
      text: 'في هذا الرابط ما لا نفهمه. عد إلى الصفحة الرئيسية وتابع من هناك.',
    },
  },
  unauthorized: {
    sources: ['api'],
    title: 'An API key is required',
    message: 'Writes need `Authorization: Bearer <key>` with a configured key.',
    hint: 'Send a key from `KHABAR_API_KEYS` in the `Authorization` header.',
    status: 401,
  },
  forbidden: {
    sources: ['api'],
    title: 'The API key is not accepted',
    message: 'The key given is not one of the configured keys.',
    hint: 'Check the key against `KHABAR_API_KEYS` on the server.',
    status: 403,
  },
  not_found: {
    sources: ['api', 'site'],
    title: 'Not found',
    message: 'There is no such route or no such article.',
    hint: 'Check the address; articles are found by id or slug.',
    status: 404,
    reader: {
      title: 'الصفحة غير موجودة',
      text: 'لم نجد ما تبحث عنه. ربما تغيّر الرابط أو حُذف المقال.',
    },
  },
  method_not_allowed: {
    sources: ['api'],
    title: 'Method not allowed',
    message: 'The route exists but not with this method; `Allow` lists the methods it takes.',
    hint: 'Use one of the methods in `Allow`.',
    status: 405,
  },
  payload_too_large: {
    sources: ['api'],
    title: 'The request body is too large',
    message: 'The body is larger than the configured limit (`KHABAR_API_BODY_LIMIT`).',
    hint: 'Send fewer articles per request, or raise the limit on the server.',
    status: 413,
  },
  unsupported_media_type: {
    sources: ['api'],
    title: 'Unsupported media type',
    message: 'Send the body with a content type the operation accepts (`text/plain` or `application/json`).',
    hint: 'Set `Content-Type` to one the operation lists in the OpenAPI document.',
    status: 415,
  },
  parse_failed: {
    sources: ['api'],
    title: 'The document could not be read as an article',
    message: 'The parser found no article in the text; `parseError` gives its code and `detail` its reason.',
    hint: 'Look up `parseError` in this catalogue: its hint says what the document lacks.',
    status: 422,
  },
  rate_limited: {
    sources: ['api'],
    title: 'Too many requests',
    message: 'The client used up its requests for the window; retry after `Retry-After` seconds.',
    hint: 'Wait for `Retry-After` seconds, or send an API key with a budget of its own.',
    status: 429,
  },
  internal_error: {
    sources: ['parser', 'api', 'site'],
    title: 'Internal error',
    message: 'Something unexpected failed.',
    hint: 'This is a bug: report it with the input, or the request id the API gave in `instance`.',
    status: 500,
    reader: {
      title: 'حدث خطأ',
      text: 'حدث خطأ غير متوقع أثناء تحضير هذه الصفحة. أعد المحاولة بعد قليل.',
    },
  },
  unavailable: {
    sources: ['store', 'api', 'site'],
    title: 'The store is unavailable',
    message: 'The article store did not answer (down, refusing connections, busy).',
    hint: 'Retry after `Retry-After` seconds; an operator checks that the database is up.',
    status: 503,
    reader: unavailableReader,
  },
  corrupt: {
    sources: ['store'],
    title: 'The store is damaged',
    message: 'The article store holds damaged data (a corrupt page or index).',
    hint: 'Run `khabar check --full` on the store, then repair it or restore it from a backup.',
  },
  store_damaged: {
    sources: ['api'],
    title: 'The store is damaged',
    message: 'The article store holds damaged data (a corrupt page or index); retrying will not mend it.',
    hint: 'An operator runs `khabar check` on the store and repairs or restores it.',
    status: 503,
  },
  migration_failed: {
    sources: ['store'],
    title: 'The store could not be migrated',
    message: 'The database schema could not be brought to this version of Khabar.',
    hint: 'A database from a newer Khabar is refused: run that version, or restore a backup.',
  },
  timeout: {
    sources: ['api'],
    title: 'The request took too long',
    message: 'The request did not finish within the configured time (`KHABAR_API_TIMEOUT_MS`).',
    hint: 'Retry, with a smaller page or body; an operator may raise the limit.',
    status: 504,
  },
  api_failed: {
    sources: ['site'],
    title: 'The API failed',
    message: 'The API answered the site with a server error.',
    hint: 'An operator looks in the API log for the request; the site retries on the next visit.',
    status: 502,
    reader: unavailableReader,
  },

  // Settings read from the environment when an app starts.
  invalid_config: {
    sources: ['config'],
    title: 'Invalid setting',
    message: 'A setting from the environment is not valid.',
    hint: 'The message names the variable and the values it takes; the app README lists every setting.',
  },
} as const satisfies Record<string, CodeEntry>;

export type Code = keyof typeof codes;

/** The codes one part gives. */
export type CodeOf<S extends CodeSource> = {
  [C in Code]: S extends (typeof codes)[C]['sources'][number] ? C : never;
}[Code];

/** Every code `source` gives, in catalogue order. */
export function codesOf<S extends CodeSource>(source: S): CodeOf<S>[] {
  return (Object.keys(codes) as Code[]).filter((code) =>
    (codes[code].sources as readonly CodeSource[]).includes(source),
  ) as CodeOf<S>[];
}

/** True when `value` is a catalogued code. */
export function isCode(value: string): value is Code {
  return Object.hasOwn(codes, value);
}
