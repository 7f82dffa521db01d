import { ArticleId, Cursor, PublishedAt, StoryId, WebUrl } from '@khabar/schema';
import { z } from 'zod';

/** A page size from the query string, 1 to `max`. */
export function limitParam(max: number, fallback: number) {
  return z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .optional()
    .describe(`Page size, 1 to ${max} (default ${fallback}).`);
}

const DateBound = z
  .union([z.iso.date(), PublishedAt])
  .describe('ISO date (YYYY-MM-DD) or date-time; inclusive.');

const Name = z.string().min(1).max(200);

export const ListParams = z.object({
  cursor: Cursor.optional(),
  limit: limitParam(100, 20),
  tag: Name.optional().describe('Only articles with this tag.'),
  agency: Name.optional().describe('Only articles credited to this agency.'),
  publisher: Name.optional().describe('Only articles credited to this publisher.'),
  from: DateBound.optional(),
  to: DateBound.optional(),
});

export const SearchParams = z.object({
  q: z.string().min(1).max(500).describe('What to search for: plain text, never query syntax.'),
  cursor: Cursor.optional(),
  limit: limitParam(100, 10),
  collapse: z
    .enum(['story', 'none'])
    .optional()
    .describe(
      '`story` (default): one hit per story, its best-ranked article, naming the other outlets in ' +
        '`alsoIn`; `none`: every matching article.',
    ),
});

export const StoryListParams = z.object({
  cursor: Cursor.optional(),
  limit: limitParam(100, 20),
  tag: Name.optional().describe('Only stories with an article carrying this tag.'),
  agency: Name.optional().describe('Only stories with an article credited to this agency.'),
  publisher: Name.optional().describe('Only stories with an article credited to this publisher.'),
  minSize: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .describe(
      'Only stories of at least this many articles (default 2: stories more than one outlet ran; ' +
        '1 lists every story).',
    ),
});

export const IdOrSlugParams = z.object({
  idOrSlug: Name.describe('Article id (16 hex digits) or slug.'),
});

export const IdParams = z.object({ id: ArticleId });

export const StoryIdParams = z.object({ id: StoryId });

export const DocumentParams = z.object({
  url: WebUrl.optional().describe(
    'The URL a page was fetched from: its address when the page names no canonical one, and a source of its date.',
  ),
});
