import { StoreError } from './errors.ts';

/** Where a newest-first listing stopped: the sort key and id of its last item. */
export interface ListPosition {
  sortKey: string;
  id: string;
}

/** Where a ranked search stopped: the score and id of its last hit. */
export interface SearchPosition {
  score: number;
  id: string;
}

// The first element tells the two kinds apart, so a search cursor passed to a listing is refused.
export function encodeListCursor(position: ListPosition): string {
  return encode(['l', position.sortKey, position.id]);
}

/** Where a listing of stories stopped: the sort key and id of its last story (a `ListPosition` of its own kind). */
export function encodeStoryCursor(position: ListPosition): string {
  return encode(['t', position.sortKey, position.id]);
}

export function decodeStoryCursor(cursor: string): ListPosition {
  const value = decode(cursor);
  const [kind, sortKey, id] = value;
  if (value.length !== 3 || kind !== 't' || typeof sortKey !== 'string' || !isId(id)) throw invalid();
  return { sortKey, id };
}

export function encodeSearchCursor(position: SearchPosition): string {
  return encode(['s', position.score, position.id]);
}

export function decodeListCursor(cursor: string): ListPosition {
  const value = decode(cursor);
  const [kind, sortKey, id] = value;
  if (value.length !== 3 || kind !== 'l' || typeof sortKey !== 'string' || !isId(id)) throw invalid();
  return { sortKey, id };
}

export function decodeSearchCursor(cursor: string): SearchPosition {
  const value = decode(cursor);
  const [kind, score, id] = value;
  if (
    value.length !== 3 ||
    kind !== 's' ||
    typeof score !== 'number' ||
    !Number.isFinite(score) ||
    !isId(id)
  ) {
    throw invalid();
  }
  return { score, id };
}

function encode(value: unknown[]): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode(cursor: string): unknown[] {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(value)) throw invalid();
  return value;
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{16}$/.test(value);
}

function invalid(): StoreError {
  return new StoreError('invalid_cursor', 'the cursor is not one this listing gave out');
}
