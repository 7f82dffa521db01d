// What the site says about stories: the same news as several outlets ran it.
import type { SearchHit, Source, StoryMember, StoryRef, StorySummary } from '@khabar/schema';
import { articles, counted, otherArticles, otherOutletsAfterIn, outlets } from './counted.ts';
import { readerDate } from './dates.ts';

/** The outlet that ran an article: its publisher, else the agency it credits, else null. */
export function outletName(source: Source): string | null {
  return source.publisher ?? source.agency;
}

/** The distinct outlets of a list of credits, in their order; uncredited articles name none. */
export function outletNames(sources: readonly Source[]): string[] {
  const names = new Set<string>();
  for (const source of sources) {
    const name = outletName(source);
    if (name !== null) names.add(name);
  }
  return [...names];
}

/**
 * Whether an article ran first: published at the story's first time. Articles that ran at the same
 * first minute all did; when no article of the story is dated, none can be said to.
 */
export function ranFirst(
  member: Pick<StoryMember, 'publishedAt'>,
  story: Pick<StoryRef, 'firstPublishedAt'>,
) {
  return story.firstPublishedAt !== null && member.publishedAt === story.firstPublishedAt;
}

/** The articles of a story other than the one a page shows, in the story's order. */
export function otherMembers(articles: readonly StoryMember[], articleId: string): StoryMember[] {
  return articles.filter((member) => member.id !== articleId);
}

/**
 * The line under a search hit that stands for a story several outlets ran: «ونُشر أيضًا في 3 مصادر
 * أخرى», counting the outlets of the other articles that are not the hit's own. The API names at most
 * `ALSO_IN_LIMIT` of them; when the story has more, the count is a lower bound and says so. When no
 * other article names an outlet of its own (the same outlet ran it twice, or no credit was given), the
 * line counts the articles instead. Null for a story of one.
 */
export function alsoInText(hit: Pick<SearchHit, 'article' | 'story' | 'alsoIn'>): string | null {
  const others = hit.story.size - 1;
  if (others < 1) return null;
  const own = outletName(hit.article.source);
  const names = outletNames(hit.alsoIn.map((member) => member.source)).filter((name) => name !== own);
  if (names.length === 0) return `وللخبر نفسه ${counted(others, otherArticles)}`;
  const complete = hit.alsoIn.length >= others;
  return `ونُشر أيضًا في ${counted(names.length, otherOutletsAfterIn)}${complete ? '' : ' على الأقل'}`;
}

/** The agencies and the publishers credited by a story's articles, each list in order of first credit. */
export function storyCredits(sources: readonly Source[]): { agencies: string[]; publishers: string[] } {
  const agencies = new Set<string>();
  const publishers = new Set<string>();
  for (const source of sources) {
    if (source.agency !== null) agencies.add(source.agency);
    if (source.publisher !== null) publishers.add(source.publisher);
  }
  return { agencies: [...agencies], publishers: [...publishers] };
}

/**
 * How far a story went, as a phrase: «نشره 3 مصادر», or the number of its articles when none of them
 * names an outlet.
 */
export function storyReach(story: Pick<StorySummary, 'size' | 'outlets'>): string {
  const names = outletNames(story.outlets).length;
  return names > 0 ? `نشره ${counted(names, outlets)}` : counted(story.size, articles);
}

/** A story page's description: its title, how far it went, and who ran it first and when. */
export function storyDescription(story: Pick<StorySummary, 'size' | 'outlets' | 'earliest'>): string {
  const first = outletName(story.earliest.source);
  const date = readerDate(story.earliest.publishedAt);
  const firstRun = first === null ? '' : `، أول من نشره ${first}${date === null ? '' : ` في ${date.short}`}`;
  return `${story.earliest.title}: ${storyReach(story)}${firstRun}.`;
}
