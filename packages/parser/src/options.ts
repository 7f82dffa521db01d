import type { Article, Warning } from '@khabar/schema';
import type { ParseError } from './errors.ts';

/** How to read a document. */
export interface ParseOptions {
  /** Known multi-word tags: the keywords line keeps them whole even when the text does not hold them. */
  tagLexicon?: Iterable<string>;
  /** The time relative dates (`منذ ساعتين`, `أمس`) count from; without it they give no date and a warning. */
  referenceTime?: Date;
  /**
   * The UTF-8 bytes the text was decoded from, when the caller read it as bytes (a file): where the
   * hashed text is those bytes as they stand, the content hash is taken from them instead of encoding
   * the text again. They must decode to the text given.
   */
  utf8?: Uint8Array;
}

/** What `parseArticle` returns: the article and its warnings, or why there is none. */
export type ParseResult =
  | { ok: true; article: Article; warnings: Warning[] }
  | { ok: false; error: ParseError };
