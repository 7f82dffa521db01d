import { z } from 'zod';

/** Half-open range `[start, end)` of UTF-16 code units in the original input text. */
export const Span = z
  .object({
    start: z.int().nonnegative().describe('First code unit of the range (UTF-16 index into the input).'),
    end: z.int().nonnegative().describe('One past the last code unit of the range.'),
  })
  .refine((span) => span.end >= span.start, { message: 'end must not be before start', path: ['end'] })
  .describe('A half-open range of UTF-16 code units in the original input text.');
export type Span = z.infer<typeof Span>;

/**
 * ISO 8601 date-time as the text gives it: wall-clock time, with `Z` or an offset only when the
 * document names a zone (`GMT` becomes `Z`).
 */
export const PublishedAt = z.iso
  .datetime({ local: true, offset: true, precision: 0 })
  .describe('ISO 8601 date-time (YYYY-MM-DDTHH:MM:SS), with Z or an offset only when the text gives a zone.');
export type PublishedAt = z.infer<typeof PublishedAt>;

export const ArticleId = z
  .string()
  .regex(/^[0-9a-f]{16}$/, 'an article id is 16 lowercase hex digits')
  .describe('Stable id: a hash of the normalized title and the publication date; a corrected text keeps it.');
export type ArticleId = z.infer<typeof ArticleId>;

export const Slug = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\p{L}\p{M}\p{N}]+(?:-[\p{L}\p{M}\p{N}]+)*$/u, 'a slug is words joined by hyphens')
  .describe('Readable URL segment: the title words joined by hyphens, ending with a short id suffix.');
export type Slug = z.infer<typeof Slug>;

export const ArticleLink = z
  .object({
    id: ArticleId,
    slug: Slug,
  })
  .describe('A stored article that a headline resolves to.');
export type ArticleLink = z.infer<typeof ArticleLink>;

export const ReadAlso = z
  .object({
    title: z.string().min(1).describe('Headline of the linked article, as written.'),
    afterParagraph: z
      .int()
      .nonnegative()
      .describe('Number of body paragraphs before the item: where it stood in the text.'),
    link: ArticleLink.nullable()
      .optional()
      .describe('The stored article with the same normalized title, when the store has one.'),
  })
  .describe('An inline "read also" headline that pointed to another article.');
export type ReadAlso = z.infer<typeof ReadAlso>;

export const Source = z
  .object({
    agency: z.string().min(1).nullable().describe('Wire agency credited (`المصدر | X`), or null.'),
    publisher: z
      .string()
      .min(1)
      .nullable()
      .describe('Publication the text was taken from (`المصدر: Y`), or null.'),
  })
  .describe('Source credits from the footer.');
export type Source = z.infer<typeof Source>;

/** SHA-256 in lowercase hex. */
const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a content hash is 64 lowercase hex digits (SHA-256)');

export const RelatedArticle = z
  .object({
    id: ArticleId,
    slug: Slug,
    title: z.string().min(1).describe('Title of the appended article.'),
    publishedAt: PublishedAt.nullable().describe('Its publication date when the text gives one, else null.'),
    body: z.array(z.string().min(1)).describe('Its paragraphs, in order.'),
    wordCount: z.int().nonnegative().describe('Number of words in its paragraphs.'),
    contentHash: Sha256Hex.describe('SHA-256 of its title and paragraphs joined by line feeds.'),
    link: ArticleLink.nullable()
      .optional()
      .describe('The stored article with the same normalized title, when the store has one.'),
  })
  .describe('A whole article appended after the footer of the page.');
export type RelatedArticle = z.infer<typeof RelatedArticle>;

/** The longest URL an article keeps, in UTF-16 code units of its serialised (percent-encoded) form. */
export const MAX_URL_LENGTH = 2048;

/**
 * An absolute http or https URL: the only kinds a page may link to or load, so that a `javascript:` or
 * `data:` URL in a hostile article never reaches an `href` or a `src`. Any host the WHATWG parser
 * reads is taken (Arabic domain names too); the pattern also says so in the JSON Schema.
 */
export const WebUrl = z
  .url({ protocol: /^https?$/ })
  .regex(/^https?:\/\/[^\s/?#]+\S*$/, 'an absolute http(s) URL, its scheme in lower case')
  .max(MAX_URL_LENGTH)
  .describe('An absolute http(s) URL.');
export type WebUrl = z.infer<typeof WebUrl>;

export const LeadImage = z
  .object({
    url: WebUrl.describe('Where the image is, as an absolute http(s) URL.'),
    caption: z.string().min(1).nullable().describe('Its caption or alternative text, or null.'),
  })
  .describe('The image a page leads with.');
export type LeadImage = z.infer<typeof LeadImage>;

export const Warning = z
  .object({
    code: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/, 'a warning code is snake_case')
      .describe('Stable machine-readable code, such as `chrome_dropped`.'),
    message: z.string().min(1).describe('What happened, for people.'),
    line: z
      .int()
      .positive()
      .nullable()
      .describe('1-based line of the input it concerns, or null for the whole text.'),
  })
  .describe('Something the parser dropped, guessed or could not read.');
export type Warning = z.infer<typeof Warning>;

export const ProvenanceField = z
  .enum(['title', 'publishedAt', 'byline', 'dateline', 'body', 'readAlso', 'source', 'tags', 'related'])
  .describe('An article field whose input spans are recorded.');
export type ProvenanceField = z.infer<typeof ProvenanceField>;

export const Provenance = z
  .object({
    contentHash: Sha256Hex.describe(
      'SHA-256 of the input text after transport noise is removed: changes when the text does.',
    ),
    parserVersion: z.string().min(1).describe('Version of @khabar/parser that produced the article.'),
    spans: z
      .partialRecord(ProvenanceField, z.array(Span))
      .describe(
        'For each field, the input ranges it came from, in field order (one per paragraph, item or line).',
      ),
  })
  .describe(
    'Where the article came from: its input hash, the parser version and the input spans of each field.',
  );
export type Provenance = z.infer<typeof Provenance>;

/**
 * A field added after the first articles were written: JSON written before it lacks it and reads it as
 * null, so an article once read always has it. The field without its default (`.unwrap()`) is described
 * too, for documents that show articles as they are served.
 */
function nullWhenMissing<T extends z.ZodType>(field: z.ZodNullable<T>, description: string) {
  return field.describe(description).default(null).describe(description);
}

export const Article = z
  .object({
    id: ArticleId,
    slug: Slug,
    title: z.string().min(1).describe('Headline, as written.'),
    publishedAt: PublishedAt.nullable().describe('Publication date-time, or null when the text gives none.'),
    byline: z
      .string()
      .min(1)
      .nullable()
      .describe('Writer, outlet or place line, without a `كتب:` prefix; or null.'),
    dateline: z
      .string()
      .min(1)
      .nullable()
      .describe('Opening `place- agency` run of the first paragraph, without its colon; or null.'),
    body: z.array(z.string().min(1)).describe('Body paragraphs, in order, as written.'),
    readAlso: z.array(ReadAlso).describe('Inline "read also" headlines, with their place in the body.'),
    source: Source,
    tags: z.array(z.string().min(1)).describe('Keyword tags, multi-word tags kept whole.'),
    related: z.array(RelatedArticle).describe('Articles appended after the footer.'),
    url: nullWhenMissing(
      WebUrl.nullable(),
      'Canonical URL of the page (or the URL it was fetched from), absolute http(s); or null.',
    ),
    siteName: nullWhenMissing(
      z.string().min(1).nullable(),
      'Name of the site that published the page (such as its og:site_name), or null.',
    ),
    description: nullWhenMissing(
      z.string().min(1).nullable(),
      "The page's own summary of the article (its meta or og:description), or null.",
    ),
    image: nullWhenMissing(LeadImage.nullable(), 'The lead image with its caption, or null.'),
    lang: z
      .string()
      .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag')
      .describe('BCP 47 language of the text, `ar` for Arabic.'),
    dir: z.enum(['rtl', 'ltr']).describe('Writing direction of the text.'),
    wordCount: z.int().nonnegative().describe('Number of words in the body paragraphs.'),
    warnings: z.array(Warning).describe('What the parser dropped or could not read, line by line.'),
    provenance: Provenance,
  })
  .describe('A news article read from one document.');
export type Article = z.infer<typeof Article>;

/**
 * An appended article as older versions wrote it: before appended articles carried their own id, slug,
 * word count and hash. The parser completes it (`completeArticle`); it is never served as it is.
 */
export const RelatedArticleInput = RelatedArticle.partial({
  id: true,
  slug: true,
  wordCount: true,
  contentHash: true,
}).describe('An appended article, its id, slug, word count and hash made by the parser when left out.');
export type RelatedArticleInput = z.infer<typeof RelatedArticleInput>;

/**
 * An article as a client or an older version may write it: the page fields may be left out (null),
 * and appended articles may lack their identity, which the parser makes from their text.
 */
export const ArticleInput = Article.extend({
  related: z.array(RelatedArticleInput).describe('Articles appended after the footer.'),
}).describe('An article to store: the page fields and the identity of appended articles may be left out.');
export type ArticleInput = z.input<typeof ArticleInput>;
