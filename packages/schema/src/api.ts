import { z } from 'zod';
import { Article, ArticleId, PublishedAt, Slug, Source, Warning } from './article.ts';
import { type CodeOf, codesOf } from './codes.ts';
import { StoryMember, StoryRef } from './story.ts';

export const ArticleSummary = z
  .object({
    id: ArticleId,
    slug: Slug,
    title: z.string().min(1).describe('Headline, as written.'),
    publishedAt: PublishedAt.nullable().describe('Publication date-time, or null.'),
    source: Source,
    tags: z.array(z.string().min(1)).describe('Keyword tags.'),
    excerpt: z.string().describe('Opening of the first paragraph, at most about 200 characters.'),
    wordCount: z.int().nonnegative().describe('Number of words in the body paragraphs.'),
  })
  .describe('The part of an article a list shows.');
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const Cursor = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9_-]+$/, 'a cursor is an opaque base64url token')
  .describe('Opaque position in a listing: pass the `nextCursor` of one page to get the next.');
export type Cursor = z.infer<typeof Cursor>;

/** A cursor page of `item`: the items, and the cursor of the next page (null on the last). */
export function Page<T extends z.ZodType>(item: T) {
  return z
    .object({
      items: z.array(item).describe('Items of this page, in order.'),
      nextCursor: Cursor.nullable().describe('Cursor of the next page, or null when this is the last.'),
    })
    .describe('One page of a cursor-paginated listing.');
}
export type Page<T> = { items: T[]; nextCursor: Cursor | null };

export const TextRange = z
  .object({
    start: z.int().nonnegative().describe('First UTF-16 code unit, counted in the field text.'),
    end: z.int().nonnegative().describe('One past the last code unit.'),
  })
  .describe('A half-open range of UTF-16 code units in a field of the original (unnormalized) article text.');
export type TextRange = z.infer<typeof TextRange>;

export const Highlight = z
  .object({
    field: z.enum(['title', 'body']).describe('Field the fragment is from.'),
    paragraph: z
      .int()
      .nonnegative()
      .nullable()
      .describe('Index of the body paragraph, or null for the title.'),
    start: z.int().nonnegative().describe('Where the fragment starts in the field text.'),
    end: z.int().nonnegative().describe('Where the fragment ends in the field text.'),
    text: z.string().describe('The fragment as written: the field text from `start` to `end`.'),
    matches: z.array(TextRange).describe('Matched words, as ranges of the field text (not of the fragment).'),
  })
  .describe('A fragment of the original article text with the words that matched the query.');
export type Highlight = z.infer<typeof Highlight>;

export const SearchHit = z
  .object({
    article: ArticleSummary,
    score: z.number().describe('Relevance: higher is better; comparable within one result list only.'),
    highlights: z.array(Highlight).describe('Fragments with the matched words, best first.'),
    story: StoryRef,
    alsoIn: z
      .array(StoryMember)
      .describe(
        'The other articles of its story, earliest first, at most 20 (`story.size` counts them all): with `collapse=story` they are the outlets this hit stands for; empty for a story of one.',
      ),
  })
  .describe('One search result.');
export type SearchHit = z.infer<typeof SearchHit>;

export const TagCount = z
  .object({
    tag: z.string().min(1).describe('The tag as written.'),
    count: z.int().positive().describe('Number of stored articles with the tag.'),
  })
  .describe('A tag and how many articles carry it.');
export type TagCount = z.infer<typeof TagCount>;

export const SourceCount = z
  .object({
    name: z.string().min(1).describe('Agency or publisher name as written.'),
    kind: z.enum(['agency', 'publisher']).describe('Whether the name is credited as agency or publisher.'),
    count: z.int().positive().describe('Number of stored articles crediting it.'),
  })
  .describe('A credited source and how many articles credit it.');
export type SourceCount = z.infer<typeof SourceCount>;

export const StoreStats = z
  .object({
    articles: z.int().nonnegative().describe('Stored articles.'),
    tags: z.int().nonnegative().describe('Distinct tags.'),
    agencies: z.int().nonnegative().describe('Distinct agencies.'),
    publishers: z.int().nonnegative().describe('Distinct publishers.'),
    earliest: PublishedAt.nullable().describe('Oldest publication date, or null.'),
    latest: PublishedAt.nullable().describe('Newest publication date, or null.'),
  })
  .describe('Counts over the whole store.');
export type StoreStats = z.infer<typeof StoreStats>;

export const IngestOutcome = z
  .object({
    status: z
      .enum(['added', 'updated', 'unchanged'])
      .describe(
        'added: new; updated: same id (or same page URL as a stored article), new content; unchanged: ' +
          'identical content.',
      ),
    id: ArticleId,
    slug: Slug,
  })
  .describe('What storing one article did; `id` and `slug` are those it is stored under.');
export type IngestOutcome = z.infer<typeof IngestOutcome>;

export const ParseOutcome = z
  .object({
    article: Article,
    warnings: z.array(Warning).describe('Same as `article.warnings`.'),
  })
  .describe('A parsed article and the parser warnings.');
export type ParseOutcome = z.infer<typeof ParseOutcome>;

export const FieldIssue = z
  .object({
    path: z.string().describe('Dotted path of the failing field, such as `query.limit` or `body.title`.'),
    message: z.string().describe('Why the value was rejected.'),
    code: z.string().describe('Validation code, such as `too_big` or `invalid_type`.'),
  })
  .describe('One failing field of a request.');
export type FieldIssue = z.infer<typeof FieldIssue>;

export const Problem = z
  .object({
    type: z.string().describe('URI reference naming the problem type.'),
    title: z.string().describe('Short summary of the problem type.'),
    status: z.int().min(400).max(599).describe('HTTP status code.'),
    detail: z.string().optional().describe('What went wrong with this request, for people.'),
    instance: z.string().optional().describe('URI reference of this occurrence (the request path and id).'),
    code: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .describe('Stable machine-readable code, such as `not_found` or `validation_failed`.'),
    errors: z.array(FieldIssue).optional().describe('For validation failures: the failing fields.'),
    parseError: z
      .enum(codesOf('parser') as [CodeOf<'parser'>, ...CodeOf<'parser'>[]])
      .optional()
      .describe(
        'For `parse_failed`: the code the parser refused the document with, such as `no_title`; the code catalogue (`/problems/{code}`) says what it means.',
      ),
  })
  .describe('An RFC 9457 problem details object.');
export type Problem = z.infer<typeof Problem>;
