/** Why a page has no content: each kind has its own Arabic message. */
export type FailureKind = 'not-found' | 'bad-request' | 'unavailable' | 'error';

/** What a page gets from the API: the value, or why there is none and the status the page answers with. */
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; failure: FailureKind; status: 400 | 404 | 500 | 502 | 503 };

/**
 * Maps an API answer that is not a success to the page's own answer: the reader's mistakes stay 4xx,
 * an API that fails is a bad gateway (502), one that is overloaded or unreachable is unavailable (503).
 */
export function failureFor(status: number): Outcome<never> {
  if (status === 404) return { ok: false, failure: 'not-found', status: 404 };
  if (status === 429 || status === 503 || status === 504)
    return { ok: false, failure: 'unavailable', status: 503 };
  if (status >= 400 && status < 500) return { ok: false, failure: 'bad-request', status: 400 };
  return { ok: false, failure: 'unavailable', status: 502 };
}

/** The API could not be reached at all (refused, reset, timed out). */
export const unreachable: Outcome<never> = { ok: false, failure: 'unavailable', status: 503 };

/**
 * A listing's first page with nothing on it is a page that does not exist (a tag nobody uses, a source
 * with no article): 404. A later page that comes back empty is still a page.
 */
export function emptyIsNotFound<T extends { items: readonly unknown[] }>(
  outcome: Outcome<T>,
  firstPage: boolean,
): Outcome<T> {
  return outcome.ok && outcome.value.items.length === 0 && firstPage
    ? { ok: false, failure: 'not-found', status: 404 }
    : outcome;
}
