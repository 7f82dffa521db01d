import { type CodeOf, codesOf } from '@khabar/schema';

/**
 * Codes of the failures a store reports to its callers: the store's codes of the code catalogue.
 * `unavailable`: the database cannot answer now (busy, locked, refusing connections, shutting down);
 * `corrupt`: it answered with damaged data (a corrupt page or index), which a retry will not mend.
 */
export type StoreErrorCode = CodeOf<'store'>;

/** Every code a store can fail with. */
export const storeErrorCodes: readonly StoreErrorCode[] = codesOf('store');

/** An expected store failure, with a stable code the API maps to a problem type. */
export class StoreError extends Error {
  override name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
