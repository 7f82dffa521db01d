import { sortKey } from '../sort-key.ts';
import { UnionFind } from './union-find.ts';

/** Two articles confirmed as one story. */
export type StoryPair = readonly [string, string];

/** An article as story ids see it: its id and publication time (ISO 8601, or null when unknown). */
export interface StoryMember {
  id: string;
  publishedAt: string | null;
  /** Its sort key (see `sortKey`) when at hand, as a stored row has it: not worked out again. */
  sortAt?: string;
}

/**
 * The connected components of the confirmed pairs over the given articles (pairs naming another
 * article are ignored): each component's ids ascending, components by their first id. An article in
 * no pair is a component of its own. The same articles and pairs give the same components in any order.
 */
export function storyComponents(ids: Iterable<string>, pairs: Iterable<StoryPair>): string[][] {
  const sorted = [...new Set(ids)].sort();
  const indexOf = new Map(sorted.map((id, index) => [id, index]));
  const sets = new UnionFind(sorted.length);
  for (const [first, second] of pairs) {
    const firstIndex = indexOf.get(first);
    const secondIndex = indexOf.get(second);
    if (firstIndex !== undefined && secondIndex !== undefined) sets.union(firstIndex, secondIndex);
  }
  const byRoot = new Map<number, string[]>();
  sorted.forEach((id, index) => {
    const root = sets.find(index);
    const members = byRoot.get(root);
    if (members === undefined) byRoot.set(root, [id]);
    else members.push(id);
  });
  return [...byRoot.values()];
}

/**
 * The id of a story: the id of its earliest-published member, ties and unknown times by the smaller
 * article id (unknown times after all known ones). It depends on the members only, so re-ingesting
 * changes nothing; and since outlets mostly run a story after the one that broke it, articles that
 * join later rarely change it, so links to a story stay good as it grows. It is the first outlet's
 * article, the one a reader of the story wants first.
 */
export function storyId(members: readonly StoryMember[]): string {
  let earliest: StoryMember | undefined;
  for (const member of members) {
    if (earliest === undefined || compareMembers(member, earliest) < 0) earliest = member;
  }
  if (earliest === undefined) throw new RangeError('a story has at least one article');
  return earliest.id;
}

/**
 * Earlier publication first, unknown (or unreadable) times last, then the smaller id: a total order.
 * Times are compared by the store's sort key (UTC when the date names a zone, as written when it does
 * not), so a story's order is the listings' order whatever the time zone of the process.
 */
export function compareMembers(first: StoryMember, second: StoryMember): number {
  const firstTime = timeOf(first);
  const secondTime = timeOf(second);
  if (firstTime !== secondTime) {
    if (firstTime === '') return 1;
    if (secondTime === '') return -1;
    return firstTime < secondTime ? -1 : 1;
  }
  return first.id < second.id ? -1 : first.id > second.id ? 1 : 0;
}

function timeOf(member: StoryMember): string {
  if (member.sortAt !== undefined) return member.sortAt;
  try {
    return sortKey(member.publishedAt);
  } catch {
    return '';
  }
}

/** The confirmed pair as stored: the smaller id first, so a pair has one row whichever article came first. */
export function orderedPair(first: string, second: string): StoryPair {
  return first < second ? [first, second] : [second, first];
}
