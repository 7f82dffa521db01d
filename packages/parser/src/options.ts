import type { Article, Warning } from '@khabar/schema';
import type { ParseError } from './errors.ts';

/** How to read a document. */
export interface ParseOptions {
  /** Known multi-word tags: the keywords line keeps them whole even when the text does not hold them. */
  tagLexicon?: Iterable<string>;
  /** The time relative dates (`منذ ساعتين`, `أمس`) count from; without it they give no date and a warning. */
  referenceTime?: Date;
}

/** What `parseArticle` returns: the article and its warnings, or why there is none. */
export type ParseResult =
  | { ok: true; article: Article; warnings: Warning[] }
  | { ok: false; error: ParseError };
