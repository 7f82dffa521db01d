export { type ParseError, type ParseErrorCode, parseErrors } from './errors.ts';
export { type PageOptions, readHtml } from './html/read-html.ts';
export { articleId, slugify } from './identity.ts';
export {
  type ArchiveEvent,
  type ArchiveOptions,
  type ArchiveProgress,
  type ArchiveSource,
  readArchive,
} from './intake/archive.ts';
export { documentExtensions, kindOfName } from './intake/detect.ts';
export { type DocumentInput, type DocumentResult, readDocument } from './intake/read-document.ts';
export { completeArticle } from './intake/upgrade.ts';
export type { ParseOptions, ParseResult } from './options.ts';
export { parseArticle } from './parse-article.ts';
export { utf8Bytes } from './utf8.ts';
export { parserVersion } from './version.ts';
export { type WarningCode, warningCodes } from './warnings.ts';
