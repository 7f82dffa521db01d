export { type ParseError, type ParseErrorCode, parseErrors } from './errors.ts';
export { articleId, slugify } from './identity.ts';
export type { ParseOptions, ParseResult } from './options.ts';
export { parseArticle } from './parse-article.ts';
export { parserVersion } from './version.ts';
export { type WarningCode, warningCodes } from './warnings.ts';
