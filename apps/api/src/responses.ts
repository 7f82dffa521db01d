import { problemContentType, problemTypes } from './problem.ts';
import { ProblemDoc } from './schemas.ts';

type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503 | 504;

interface ProblemResponse {
  description: string;
  content: { [problemContentType]: { schema: typeof ProblemDoc } };
}

const titles = new Map<number, string>();
for (const { status, title } of Object.values(problemTypes)) {
  if (!titles.has(status)) titles.set(status, title);
}

/** OpenAPI response entries for the problem statuses an operation can answer with. */
export function problemResponses<const S extends readonly ErrorStatus[]>(
  ...statuses: S
): { [K in S[number]]: ProblemResponse } {
  const entries = statuses.map((status) => [
    status,
    {
      description: `${titles.get(status) ?? 'Error'} (problem+json)`,
      content: { [problemContentType]: { schema: ProblemDoc } },
    },
  ]);
  return Object.fromEntries(entries);
}

/** Problems any operation under `/v1` can answer with. */
export const commonProblems = [429, 500, 503, 504] as const;

export const notModified = { description: 'Not modified: the `If-None-Match` ETag is current.' };

/** Response headers of cached reads, as documented. */
export const cachedHeaders = {
  ETag: { description: 'Strong entity tag of the body.', schema: { type: 'string' as const } },
  'Cache-Control': { description: 'How long the body may be reused.', schema: { type: 'string' as const } },
};
