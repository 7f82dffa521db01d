import { type CodeOf, codes } from '@khabar/schema';

/** Why a page has no content: a code of the catalogue, whose Arabic text for readers the page shows. */
export type FailureKind = CodeOf<'site'>;

/** What a page gets from the API: the value, or why there is none and the status the page answers with. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: FailureKind; status: number };

/** A failure answered with the catalogue's status for its code. */
export function failure(kind: FailureKind): Outcome<never> {
  return { ok: false, failure: kind, status: codes[kind].status };
}

/**
 * Maps an API answer that is not a success to the page's own answer: the reader's mistakes stay 4xx,
 * an API that fails is a bad gateway (502), one that is overloaded or unreachable is unavailable (503).
 */
export function failureFor(status: number): Outcome<never> {
  if (status === 404) return failure('not_found');
  if (status === 429 || status === 503 || status === 504) return failure('unavailable');
  if (status >= 400 && status < 500) return failure('bad_request');
  return failure('api_failed');
}

/** The API could not be reached at all (refused, reset, timed out). */
export const unreachable: Outcome<never> = failure('unavailable');

/**
 * A listing's first page with nothing on it is a page that does not exist (a tag nobody uses, a source
 * with no article): 404. A later page that comes back empty is still a page.
 */
export function emptyIsNotFound<T extends { items: readonly unknown[] }>(
  outcome: Outcome<T>,
  firstPage: boolean,
): Outcome<T> {
  return outcome.ok && outcome.value.items.length === 0 && firstPage ? failure('not_found') : outcome;
}
