import { type CodeOf, codes, codesOf, type FieldIssue, type Problem } from '@khabar/schema';
import { StoreError, type StoreErrorCode } from '@khabar/store';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { AppEnv } from './env.ts';
import type { Logger } from './logger.ts';

interface ProblemType {
  status: ContentfulStatusCode;
  title: string;
  /** What the code means. */
  description: string;
  /** What a client can do about it. */
  hint: string;
}

/** The codes the API answers with: those of the code catalogue given by the API. */
export type ProblemCode = CodeOf<'api'>;

/**
 * Every problem the API answers with, by stable code, from the code catalogue of `@khabar/schema`.
 * Clients branch on `code`; `type` is `/problems/<code>`, which serves the entry.
 */
export const problemTypes = Object.fromEntries(
  codesOf('api').map((code) => {
    const { status, title, message, hint } = codes[code];
    return [code, { status: status as ContentfulStatusCode, title, description: message, hint }];
  }),
) as Record<ProblemCode, ProblemType>;

export const problemCodes = Object.keys(problemTypes) as ProblemCode[];

interface ProblemOptions {
  errors?: FieldIssue[];
  /** For `parse_failed`: the parser's code. */
  parseError?: Problem['parseError'];
  headers?: Record<string, string>;
}

/** An expected failure thrown anywhere in a request; the error handler turns it into problem+json. */
export class ProblemError extends Error {
  override name = 'ProblemError';
  readonly code: ProblemCode;
  readonly options: ProblemOptions;

  constructor(code: ProblemCode, detail: string, options: ProblemOptions = {}) {
    super(detail);
    this.code = code;
    this.options = options;
  }
}

const storeProblems: Record<StoreErrorCode, ProblemCode> = {
  invalid_cursor: 'invalid_cursor',
  invalid_query: 'invalid_query',
  slug_taken: 'slug_taken',
  unavailable: 'unavailable',
  corrupt: 'store_damaged',
  migration_failed: 'unavailable',
};

/**
 * `Retry-After` seconds of the problems that a later request may not meet: a store that is down is
 * often back within seconds; a damaged one waits for an operator.
 */
const retryAfterSeconds: Partial<Record<ProblemCode, number>> = { unavailable: 10, store_damaged: 300 };

/** The detail of `store_damaged`: what the store said, and what to do about it unless it says so. */
export function damageDetail(message: string): string {
  if (message.includes('khabar check')) return message;
  return `${message}; run 'khabar check' on the store to see what is damaged`;
}

/** The problem a store failure answers with. */
export function storeProblem(error: StoreError): ProblemError {
  const code = storeProblems[error.code];
  return new ProblemError(code, code === 'store_damaged' ? damageDetail(error.message) : error.message);
}

export const problemContentType = 'application/problem+json';

/** Builds the problem+json response for `code`; the only place such a body is written. */
export function problemResponse(
  c: Context<AppEnv>,
  code: ProblemCode,
  detail: string,
  options: ProblemOptions = {},
) {
  const { status, title } = problemTypes[code];
  const body: Problem = {
    type: `/problems/${code}`,
    title,
    status,
    detail,
    instance: `${c.req.path}#${c.get('requestId')}`,
    code,
    ...(options.errors ? { errors: options.errors } : {}),
    ...(options.parseError ? { parseError: options.parseError } : {}),
  };
  const retryAfter = retryAfterSeconds[code];
  const headers: Record<string, string> = {
    'Content-Type': problemContentType,
    'Cache-Control': 'no-store',
    ...(retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) }),
    ...options.headers,
  };
  return c.body(JSON.stringify(body), status, headers);
}

const prefixes: Record<string, string> = { param: 'path', json: 'body', query: 'query', header: 'header' };

/** The failing fields of a zod error, with dotted paths under the request part (`query.limit`). */
export function fieldIssues(error: ZodError, target: string): FieldIssue[] {
  const prefix = prefixes[target] ?? target;
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
    code: issue.code,
  }));
}

/** A 400 `validation_failed` problem for one or more failing fields. */
export function validationProblem(errors: FieldIssue[]) {
  const fields = errors.map((issue) => issue.path).join(', ');
  return new ProblemError('validation_failed', `invalid ${fields}`, { errors });
}

function fromHttpException(error: HTTPException): ProblemError {
  switch (error.status) {
    case 413:
      return new ProblemError('payload_too_large', 'the request body is larger than the limit');
    case 415:
      return new ProblemError('unsupported_media_type', 'the operation does not accept this content type');
    case 400:
      return new ProblemError('bad_request', error.message || 'the request could not be understood');
    default:
      return new ProblemError('internal_error', 'an unexpected error occurred');
  }
}

/** Maps any thrown value to a problem response; unexpected ones are logged with their stack, never sent. */
export function handleError(error: unknown, c: Context<AppEnv>, logger: Logger): Response {
  if (error instanceof ProblemError) return problemResponse(c, error.code, error.message, error.options);
  if (error instanceof StoreError) {
    const problem = storeProblem(error);
    return problemResponse(c, problem.code, problem.message);
  }
  if (error instanceof HTTPException && error.status === 504) {
    return problemResponse(c, 'timeout', error.message);
  }
  if (error instanceof HTTPException && error.status < 500) {
    const problem = fromHttpException(error);
    return problemResponse(c, problem.code, problem.message, problem.options);
  }
  logger.error({
    msg: 'unexpected error',
    requestId: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return problemResponse(c, 'internal_error', `an unexpected error occurred (request ${c.get('requestId')})`);
}

type ValidationResult = { target: string } & ({ success: true } | { success: false; error: ZodError });

/** The `defaultHook` of every route: a failed validation becomes a `validation_failed` problem. */
export function validationHook(result: ValidationResult): void {
  if (!result.success) throw validationProblem(fieldIssues(result.error, result.target));
}
