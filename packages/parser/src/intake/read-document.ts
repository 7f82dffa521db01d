import { type Article, ArticleInput, type Warning } from '@khabar/schema';
import { isBinary } from '../binary.ts';
import { type ParseError, type ParseErrorCode, parseError } from '../errors.ts';
import { readHtml } from '../html/read-html.ts';
import type { ParseOptions, ParseResult } from '../options.ts';
import { checkedOptions, guarded, parseArticle } from '../parse-article.ts';
import { warning } from '../warnings.ts';
import { charsetOf, decodeBytes } from './decode.ts';
import { type DocumentKind, kindOfMediaType, kindOfName, sniffKind } from './detect.ts';
import { completeArticle } from './upgrade.ts';

/** One document as it arrives: its bytes (or text), and what is known of it. */
export interface DocumentInput {
  content: Uint8Array | string;
  /** What to call it in results: a file path, a URL. Its extension tells the kind when no content type does. */
  name?: string;
  /** The `Content-Type` it came with: the kind, and the charset of bytes. */
  contentType?: string;
  /** The URL the page was fetched from. */
  url?: string;
}

/** One article read from a document, or why there is none. `source` names it (file, item, line, record). */
export type DocumentResult =
  | { ok: true; source: string; article: Article; warnings: Warning[] }
  | { ok: false; source: string; error: ParseError };

/**
 * The intake: one document in, whatever it is, its articles out. Detects the kind from the content
 * type, the name or the first bytes; decodes bytes by their byte order mark, the transport's charset,
 * the page's own declaration, or as UTF-8; then reads an HTML page, a text dump (in the seed's layout
 * or a full page's text) or JSON articles (one, an array, or one per line) checked against the model.
 * Never throws. Web archives hold many documents: read them with `readArchive`.
 */
export function readDocument(input: DocumentInput, options: ParseOptions = {}): DocumentResult[] {
  const source = input.name ?? 'document';
  try {
    return read(input, source, checkedOptions(options));
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return [failure(source, 'internal_error', detail)];
  }
}

function read(input: DocumentInput, source: string, options: ParseOptions): DocumentResult[] {
  const { content } = input;
  if (typeof content !== 'string' && !(content instanceof Uint8Array)) {
    return [failure(source, 'not_a_string')];
  }
  const bytes = typeof content === 'string' ? null : content;
  const kind = documentKind(input, bytes);
  if (kind === 'archive') return [failure(source, 'archive_input')];
  let text: string;
  let problem: string | null = null;
  let utf8: Uint8Array | undefined;
  if (bytes === null) text = content as string;
  else {
    const decoded = decodeBytes(bytes, charsetOf(input.contentType), kind === 'html');
    text = decoded.text;
    problem = decoded.problem;
    // Bytes that are the text's own UTF-8 are hashed as they stand, sparing an encoding of the text.
    if (decoded.encoding === 'utf-8' && decoded.problem === null) utf8 = bytes;
  }
  const withBytes = utf8 === undefined ? options : { ...options, utf8 };
  if (kind === 'json' || kind === 'jsonl') return readJson(text, kind, source);
  const result =
    kind === 'html' ? readPage(text, input.url, withBytes) : guarded(() => parseArticle(text, withBytes));
  return [withProblem(result, source, problem)];
}

function documentKind(input: DocumentInput, bytes: Uint8Array | null): DocumentKind {
  const declared =
    kindOfMediaType(input.contentType) ?? (input.name === undefined ? null : kindOfName(input.name));
  if (declared !== null && declared !== 'text') return declared;
  // A `.txt` name or `text/plain` is often a saved page: its first bytes decide.
  const head = bytes ?? new TextEncoder().encode((input.content as string).slice(0, 1024));
  return sniffKind(head);
}

function readPage(html: string, url: string | undefined, options: ParseOptions): ParseResult {
  if (typeof html !== 'string' || html.length === 0) return { ok: false, error: parseError('empty_input') };
  const controls = controlCharacters(html);
  if (isBinary(html.length, controls.nuls, controls.count))
    return { ok: false, error: parseError('binary_input') };
  return guarded(() => readHtml(html, url === undefined ? options : { ...options, url }));
}

/** The NULs and all control characters (and U+FFFD) a text holds, as the text reader counts them. */
function controlCharacters(text: string): { nuls: number; count: number } {
  let count = 0;
  let nuls = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 32 ? code < 9 || (code > 13 && code < 32) : code === 0x7f || code === 0xfffd) {
      count++;
      if (code === 0) nuls++;
    }
  }
  return { nuls, count };
}

function withProblem(result: ParseResult, source: string, problem: string | null): DocumentResult {
  if (!result.ok) {
    const error =
      problem === null ? result.error : { ...result.error, message: `${result.error.message} (${problem})` };
    return { ok: false, source, error };
  }
  if (problem !== null) result.article.warnings.unshift(warning('charset_problem', null, problem));
  return { ok: true, source, article: result.article, warnings: result.article.warnings };
}

function readJson(text: string, kind: 'json' | 'jsonl', source: string): DocumentResult[] {
  if (kind === 'jsonl') {
    const results: DocumentResult[] = [];
    const lines = text.split('\n');
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] as string;
      if (line.trim().length === 0) continue;
      const where = `${source}:${index + 1}`;
      const value = parseJson(line);
      results.push('error' in value ? failure(where, 'not_json', value.error) : validated(value.json, where));
    }
    return results;
  }
  const value = parseJson(text);
  if ('error' in value) return [failure(source, 'not_json', value.error)];
  if (!Array.isArray(value.json)) return [validated(value.json, source)];
  return value.json.map((item, index) => validated(item, `${source}#${index + 1}`));
}

function parseJson(text: string): { json: unknown } | { error: string } {
  try {
    return { json: JSON.parse(text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function validated(value: unknown, source: string): DocumentResult {
  // `khabar parse` prints {"file", "error"} in place of a document it could not read.
  if (isParseFailure(value))
    return failure(source, 'not_an_article', `${value.file} was not parsed: ${value.error.message}`);
  const result = ArticleInput.safeParse(value);
  if (result.success) {
    const article = completeArticle(result.data);
    return { ok: true, source, article, warnings: article.warnings };
  }
  const [issue] = result.error.issues;
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return failure(source, 'not_an_article', `${where}${issue?.message ?? 'invalid'}`);
}

function isParseFailure(value: unknown): value is { file: string; error: { message: string } } {
  if (typeof value !== 'object' || value === null) return false;
  const { file, error } = value as { file?: unknown; error?: { message?: unknown } };
  return typeof file === 'string' && typeof error?.message === 'string';
}

function failure(source: string, code: ParseErrorCode, detail?: string): DocumentResult {
  const error = parseError(code);
  if (detail === undefined) return { ok: false, source, error };
  return {
    ok: false,
    source,
    error: { ...error, message: `${error.message.replace(/\.$/, '')}: ${detail}` },
  };
}
