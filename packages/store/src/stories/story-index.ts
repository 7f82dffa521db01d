import { BandIndex } from './band-index.ts';
import {
  compareMembers,
  orderedPair,
  type StoryMember,
  type StoryPair,
  storyComponents,
  storyId,
} from './components.ts';
import { confirmStory } from './confirm.ts';
import { type StoryFingerprint, type StorySketch, storyFingerprint } from './fingerprint.ts';

/** An article as story detection reads it. */
export interface StoryArticle extends StoryMember {
  /** Body paragraphs. */
  body: readonly string[];
}

/** The story an article belongs to, as each stored article carries it. */
export interface StoryRef {
  id: string;
  size: number;
  /** Publication time of the earliest member, null when no member has one. */
  firstPublishedAt: string | null;
}

/** A story and its articles, ids ascending. */
export interface Story {
  id: string;
  articles: string[];
}

interface Entry {
  member: StoryMember;
  sketch: StorySketch;
}

/**
 * Story detection in memory, step for step what a store does at ingest: fingerprint the new
 * article, look up candidates by band key, confirm each, record the confirmed pairs and merge the
 * stories they join; on deletion, recompute the components of what is left of the story from the
 * remaining pairs. Its stories are the connected components of confirmed pairs, so they do not
 * depend on the order articles arrive in.
 */
export class StoryIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly bands = new BandIndex();
  private readonly partners = new Map<string, Set<string>>();
  private readonly storyOf = new Map<string, string>();
  private readonly membersOf = new Map<string, string[]>();
  /** Candidates confirmed or rejected so far: the confirmation work. */
  comparisons = 0;

  /** Adds or replaces an article; adding one that is already there unchanged changes nothing. */
  add(article: StoryArticle, fingerprint: StoryFingerprint = storyFingerprint(article.body)): void {
    const member = { id: article.id, publishedAt: article.publishedAt };
    const existing = this.entries.get(article.id);
    if (existing !== undefined) {
      if (
        existing.member.publishedAt === member.publishedAt &&
        sameSketch(existing.sketch, fingerprint.sketch)
      )
        return;
      this.remove(article.id);
    }
    const confirmed = this.confirmedPartners(article.id, fingerprint);
    this.entries.set(article.id, { member, sketch: fingerprint.sketch });
    this.bands.add(article.id, fingerprint.bandKeys);
    this.partners.set(article.id, new Set(confirmed));
    for (const partner of confirmed) this.partners.get(partner)?.add(article.id);
    const joined = new Set([article.id]);
    for (const partner of confirmed) {
      for (const id of this.members(this.storyOf.get(partner) ?? partner)) joined.add(id);
    }
    this.assign([...joined]);
  }

  /** The articles an article's fingerprint finds among the stored ones and confirmation accepts. */
  confirmedPartners(id: string, fingerprint: StoryFingerprint): string[] {
    return this.bands.candidates(fingerprint.bandKeys, id).filter((candidate) => {
      const entry = this.entries.get(candidate);
      if (entry === undefined) return false;
      this.comparisons++;
      return confirmStory(fingerprint.sketch, entry.sketch).confirmed;
    });
  }

  /** Removes an article; the rest of its story splits where it held the story together. */
  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    const storyKey = this.storyOf.get(id) ?? id;
    const rest = this.members(storyKey).filter((member) => member !== id);
    this.entries.delete(id);
    this.bands.remove(id);
    for (const partner of this.partners.get(id) ?? []) this.partners.get(partner)?.delete(id);
    this.partners.delete(id);
    this.storyOf.delete(id);
    this.membersOf.delete(storyKey);
    for (const component of storyComponents(rest, this.pairsAmong(rest))) this.assign(component);
    return true;
  }

  /** The story of a stored article. */
  story(id: string): StoryRef | undefined {
    if (!this.entries.has(id)) return undefined;
    const storyKey = this.storyOf.get(id) ?? id;
    const members = this.members(storyKey).map((member) => (this.entries.get(member) as Entry).member);
    const earliest = [...members].sort(compareMembers)[0] as StoryMember;
    return { id: storyKey, size: members.length, firstPublishedAt: earliest.publishedAt };
  }

  /** Every story, by id. */
  stories(): Story[] {
    const ids = new Set<string>();
    for (const id of this.entries.keys()) ids.add(this.storyOf.get(id) ?? id);
    return [...ids].sort().map((id) => ({ id, articles: [...this.members(id)].sort() }));
  }

  /** Every confirmed pair, each once, smaller id first, in ascending order. */
  pairs(): StoryPair[] {
    const pairs: StoryPair[] = [];
    for (const [id, partners] of this.partners) {
      for (const partner of partners) if (id < partner) pairs.push([id, partner]);
    }
    return pairs.sort(comparePairs);
  }

  /** Article ids read from band buckets so far: the look-up work. */
  get bandLookups(): number {
    return this.bands.lookups;
  }

  private members(storyKey: string): readonly string[] {
    return this.membersOf.get(storyKey) ?? (this.entries.has(storyKey) ? [storyKey] : []);
  }

  private pairsAmong(ids: readonly string[]): StoryPair[] {
    const pairs: StoryPair[] = [];
    for (const id of ids) {
      for (const partner of this.partners.get(id) ?? [])
        if (id < partner) pairs.push(orderedPair(id, partner));
    }
    return pairs;
  }

  private assign(component: readonly string[]): void {
    for (const id of component) {
      const previous = this.storyOf.get(id);
      if (previous !== undefined) this.membersOf.delete(previous);
    }
    const id = storyId(component.map((member) => (this.entries.get(member) as Entry).member));
    for (const member of component) this.storyOf.set(member, id);
    this.membersOf.set(id, [...component]);
  }
}

function sameSketch(first: StorySketch, second: StorySketch): boolean {
  return (
    sameArray(first.shingles, second.shingles) &&
    sameArray(first.sentenceEnds, second.sentenceEnds) &&
    sameArray(first.sentenceShingles, second.sentenceShingles)
  );
}

function sameArray(first: ArrayLike<number>, second: ArrayLike<number>): boolean {
  if (first.length !== second.length) return false;
  for (let index = 0; index < first.length; index++) if (first[index] !== second[index]) return false;
  return true;
}

function comparePairs(first: StoryPair, second: StoryPair): number {
  if (first[0] !== second[0]) return first[0] < second[0] ? -1 : 1;
  return first[1] < second[1] ? -1 : first[1] > second[1] ? 1 : 0;
}
