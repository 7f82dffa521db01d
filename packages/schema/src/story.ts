import { z } from 'zod';
import { Article, ArticleId, PublishedAt, Slug, Source } from './article.ts';

/**
 * A story is one piece of news as every stored outlet ran it: the articles whose bodies are the same
 * text, perhaps edited (see the store's story detection). Its id is the id of its earliest article.
 */
export const StoryId = ArticleId.describe('Story id: the id of its earliest-published article.');
export type StoryId = z.infer<typeof StoryId>;

/** At most this many other articles of its story are named on a search hit (`alsoIn`). */
export const ALSO_IN_LIMIT = 20;

export const StoryRef = z
  .object({
    id: StoryId,
    size: z.int().positive().describe('Number of stored articles in the story, this one included.'),
    firstPublishedAt: PublishedAt.nullable().describe(
      'Publication time of the earliest article of the story, or null when none of them is dated.',
    ),
  })
  .describe('The story an article belongs to; an article no other outlet ran is a story of one.');
export type StoryRef = z.infer<typeof StoryRef>;

export const StoryMember = z
  .object({
    id: ArticleId,
    slug: Slug,
    title: z.string().min(1).describe('Headline, as this outlet wrote it.'),
    publishedAt: PublishedAt.nullable().describe('When this outlet published it, or null.'),
    source: Source,
  })
  .describe('One outlet’s article of a story.');
export type StoryMember = z.infer<typeof StoryMember>;

export const StorySummary = z
  .object({
    id: StoryId,
    size: z.int().positive().describe('Number of stored articles in the story.'),
    firstPublishedAt: PublishedAt.nullable().describe('Publication time of its earliest article, or null.'),
    lastPublishedAt: PublishedAt.nullable().describe('Publication time of its latest article, or null.'),
    earliest: StoryMember.describe('The article that ran first: the story’s id is its id.'),
    outlets: z
      .array(Source)
      .describe(
        'The distinct credits (agency and publisher) of its articles, in order of first publication.',
      ),
  })
  .describe('A story as a list shows it.');
export type StorySummary = z.infer<typeof StorySummary>;

export const Story = StorySummary.extend({
  articles: z
    .array(StoryMember)
    .describe('Every article of the story, earliest first (undated last, then by id).'),
}).describe('A story and every outlet’s article of it.');
export type Story = z.infer<typeof Story>;

/** An article as the store serves it: with the story it belongs to. */
export const StoredArticle = Article.extend({
  story: StoryRef,
}).describe('A stored news article, with the story it belongs to.');
export type StoredArticle = z.infer<typeof StoredArticle>;
