/** Where a value was read. */
export type MetaSource = 'json-ld' | 'meta' | 'opengraph' | 'time' | 'h1' | 'title' | 'printed' | 'url';

/** A value with the source range (UTF-16 offsets into the HTML) of the element it came from. */
export interface Located<T> {
  value: T;
  start: number;
  end: number;
  source: MetaSource;
}

/** A disagreement between sources, kept as a warning. */
export interface MetaConflict {
  field: 'title' | 'publishedAt' | 'byline';
  message: string;
  /** Where the source that lost (or disagreed) starts in the HTML. */
  start: number;
}

/** What a page says about itself. */
export interface PageMetadata {
  /** The headline as shown, without the site name. */
  title: Located<string> | null;
  /** ISO 8601, wall-clock as given, with an offset only when the page gives one (never converted). */
  publishedAt: Located<string> | null;
  modifiedAt: string | null;
  /** Author(s) as written, without `كتب`/`بقلم`/`By` prefixes; null when only an organisation. */
  byline: Located<string> | null;
  siteName: string | null;
  /** Canonical (absolute, http/https) or the page URL given. */
  url: string | null;
  description: string | null;
  /** An absolute http(s) URL and its caption. */
  image: { url: string; caption: string | null } | null;
  keywords: string[];
  lang: string | null;
  /** Disagreements between sources, kept as warnings: e.g. JSON-LD and the printed date give different days. */
  conflicts: MetaConflict[];
}
