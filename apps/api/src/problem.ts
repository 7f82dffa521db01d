import type { FieldIssue, Problem } from '@khabar/schema';
import { StoreError, type StoreErrorCode } from '@khabar/store';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import type { AppEnv } from './env.ts';
import type { Logger } from './logger.ts';

interface ProblemType {
  status: number;
  title: string;
  /** What the code means and what a client can do about it. */
  description: string;
}

/**
 * Every problem the API answers with, by stable code. Clients branch on `code`; `type` is
 * `/problems/<code>`, which serves the entry.
 */
export const problemTypes = {
  validation_failed: {
    status: 400,
    title: 'The request is not valid',
    description: 'A parameter or the body failed validation; `errors` lists each failing field.',
  },
  malformed_json: {
    status: 400,
    title: 'The request body is not valid JSON',
    description: 'The body was sent as JSON but could not be parsed.',
  },
  invalid_cursor: {
    status: 400,
    title: 'The cursor is not valid',
    description: 'Pass back the `nextCursor` of a page unchanged, with the same filters.',
  },
  invalid_query: {
    status: 400,
    title: 'The query cannot be run',
    description: 'The store could not run the query as given.',
  },
  bad_request: {
    status: 400,
    title: 'Bad request',
    description: 'The request could not be understood.',
  },
  unauthorized: {
    status: 401,
    title: 'An API key is required',
    description: 'Writes need `Authorization: Bearer <key>` with a configured key.',
  },
  forbidden: {
    status: 403,
    title: 'The API key is not accepted',
    description: 'The key given is not one of the configured keys.',
  },
  not_found: {
    status: 404,
    title: 'Not found',
    description: 'There is no such route or no such article.',
  },
  method_not_allowed: {
    status: 405,
    title: 'Method not allowed',
    description: 'The route exists but not with this method; `Allow` lists the methods it takes.',
  },
  payload_too_large: {
    status: 413,
    title: 'The request body is too large',
    description: 'The body is larger than the configured limit (`KHABAR_API_BODY_LIMIT`).',
  },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported media type',
    description:
      'Send the body with a content type the operation accepts (`text/plain` or `application/json`).',
  },
  parse_failed: {
    status: 422,
    title: 'The document could not be read as an article',
    description: 'The parser found no article in the text; `detail` gives its reason.',
  },
  rate_limited: {
    status: 429,
    title: 'Too many requests',
    description: 'The client used up its requests for the window; retry after `Retry-After` seconds.',
  },
  internal_error: {
    status: 500,
    title: 'Internal server error',
    description: 'Something unexpected failed; the request id in `instance` finds it in the server log.',
  },
  unavailable: {
    status: 503,
    title: 'The store is unavailable',
    description:
      'The article store did not answer (down, refusing connections, busy); retry after `Retry-After` seconds.',
  },
  store_damaged: {
    status: 503,
    title: 'The store is damaged',
    description:
      'The article store holds damaged data (a corrupt page or index); retrying will not mend it. An operator runs `khabar check` on the store and repairs or restores it.',
  },
  timeout: {
    status: 504,
    title: 'The request took too long',
    description: 'The request did not finish within the configured time (`KHABAR_API_TIMEOUT_MS`).',
  },
} as const satisfies Record<string, ProblemType>;

export type ProblemCode = keyof typeof problemTypes;

export const problemCodes = Object.keys(problemTypes) as ProblemCode[];

interface ProblemOptions {
  errors?: FieldIssue[];
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
