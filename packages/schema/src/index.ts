export {
  ArticleSummary,
  Cursor,
  FieldIssue,
  Highlight,
  IngestOutcome,
  Page,
  ParseOutcome,
  Problem,
  SearchHit,
  SourceCount,
  StoreStats,
  TagCount,
  TextRange,
} from './api.ts';
export {
  Article,
  ArticleId,
  ArticleInput,
  ArticleLink,
  LeadImage,
  MAX_URL_LENGTH,
  Provenance,
  ProvenanceField,
  PublishedAt,
  ReadAlso,
  RelatedArticle,
  RelatedArticleInput,
  Slug,
  Source,
  Span,
  Warning,
  WebUrl,
} from './article.ts';
export { type Code, type CodeEntry, type CodeOf, type CodeSource, codes, codesOf, isCode } from './codes.ts';
export {
  ConfigError,
  type Environment,
  envInteger,
  envList,
  envUrl,
  readEnvironment,
  redactLocation,
} from './config.ts';
export { entityTag, ifNoneMatchHolds } from './http.ts';
export { jsonSchemas } from './json-schema.ts';
export {
  ALSO_IN_LIMIT,
  StoredArticle,
  Story,
  StoryId,
  StoryMember,
  StoryRef,
  StorySummary,
} from './story.ts';
export { escapeXml } from './xml.ts';
