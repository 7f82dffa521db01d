import {
  Article,
  ArticleInput,
  ArticleSummary,
  IngestOutcome,
  Page,
  ParseOutcome,
  Problem,
  SearchHit,
  SourceCount,
  StoredArticle,
  Story,
  StorySummary,
  TagCount,
} from '@khabar/schema';
import { z } from 'zod';
import { JsonFeed } from './feeds/json-feed.ts';

/*
 * The @khabar/schema shapes under the component names the OpenAPI document gives them; `meta` clones,
 * so the shared schemas stay as they are.
 */
/*
 * The generator marks a field with a default as optional. That is right for an article sent to the API
 * (one written before the page fields may leave them out) and wrong for one the API sends, which always
 * has them: responses use the fields without their defaults.
 */
const pageFields = {
  url: Article.shape.url.unwrap(),
  siteName: Article.shape.siteName.unwrap(),
  description: Article.shape.description.unwrap(),
  image: Article.shape.image.unwrap(),
};
export const ArticleDoc = Article.extend(pageFields).meta({
  id: 'Article',
  description: Article.description,
});
/** An article as the API serves it from the store: with the story it belongs to. */
export const StoredArticleDoc = StoredArticle.extend(pageFields).meta({
  id: 'StoredArticle',
  description: StoredArticle.description,
});
export const ArticleInputDoc = ArticleInput.meta({
  id: 'ArticleInput',
  description:
    'An article to store; the page fields may be left out (null), and so may the id, slug, word count ' +
    'and hash of appended articles, which are then made from their text.',
});
export const ArticleSummaryDoc = ArticleSummary.meta({ id: 'ArticleSummary' });
export const ArticlePageDoc = Page(ArticleSummaryDoc).meta({ id: 'ArticlePage' });
export const SearchPageDoc = Page(SearchHit.meta({ id: 'SearchHit' })).meta({ id: 'SearchPage' });
export const StorySummaryDoc = StorySummary.meta({ id: 'StorySummary' });
export const StoryPageDoc = Page(StorySummaryDoc).meta({ id: 'StoryPage' });
export const StoryDoc = Story.meta({ id: 'Story' });
export const RelatedListDoc = z
  .object({ items: z.array(ArticleSummaryDoc).describe('Related articles, closest first.') })
  .meta({ id: 'RelatedList', description: 'Articles related to one article.' });
export const TagListDoc = z
  .object({ items: z.array(TagCount.meta({ id: 'TagCount' })).describe('Most used first.') })
  .meta({ id: 'TagList', description: 'Tags with article counts.' });
export const SourceListDoc = z
  .object({ items: z.array(SourceCount.meta({ id: 'SourceCount' })).describe('Most credited first.') })
  .meta({ id: 'SourceList', description: 'Agencies and publishers with article counts.' });
export const IngestOutcomeDoc = IngestOutcome.meta({ id: 'IngestOutcome' });
export const ParseOutcomeDoc = ParseOutcome.extend({ article: ArticleDoc }).meta({
  id: 'ParseOutcome',
  description: ParseOutcome.description,
});
export const ProblemDoc = Problem.meta({ id: 'Problem' });
export const JsonFeedDoc = JsonFeed.meta({ id: 'JsonFeed' });

export const Health = z
  .object({ status: z.literal('ok').describe('Always `ok` when the process answers.') })
  .meta({ id: 'Health', description: 'Liveness.' });
export const Readiness = z
  .object({
    status: z.literal('ok').describe('The store answered.'),
    store: z.enum(['sqlite', 'postgres']).describe('Which store the API reads.'),
  })
  .meta({ id: 'Readiness', description: 'Readiness: the store answers.' });
export const ProblemTypeDoc = z
  .object({
    code: z.string().describe('The stable code.'),
    status: z.int().describe('HTTP status it comes with.'),
    title: z.string().describe('Short summary.'),
    description: z.string().describe('What it means and what a client can do.'),
  })
  .meta({ id: 'ProblemType', description: 'One entry of the problem catalogue.' });
