import { ALSO_IN_LIMIT, type StoryMember, type StoryRef } from '@khabar/schema';
import { type MemberRow, toStoryMember } from './core/story-reads.ts';

/** One article of a story on a search page, as the members' read gives it, with its story's row. */
export interface StoryMemberRow extends MemberRow {
  size: number | string;
  first_published_at: string | null;
}

/** A story of the page: its reference and its earliest members (enough to name `ALSO_IN_LIMIT` besides any one). */
export interface PageStory {
  ref: StoryRef;
  members: StoryMember[];
}

/**
 * The statement reading the stories of a page's hits, `pageSeqs` being the SQL of the set of the
 * hits' rows: each story's row and its earliest `ALSO_IN_LIMIT + 1` articles (by the store's sort
 * key, undated last, then id, the order of `compareMembers`), so that every hit can name
 * `ALSO_IN_LIMIT` others besides itself, in that order. A
 * story of one has no row, and nothing is read for it. One statement for the whole page, whatever its
 * stories' sizes, and one that needs only the ranked hits, so a store may run it beside the read of
 * the page's rows.
 */
export function storyMembersSql(pageSeqs: string): string {
  return storiesMembersSql(`(
        SELECT page.story_id FROM article_stories AS page
        WHERE page.article_seq IN ${pageSeqs}
          AND EXISTS (SELECT 1 FROM stories AS kept WHERE kept.id = page.story_id)
      )`);
}

/** The same read as `storyMembersSql`, of the stories whose ids `storyIds` (the SQL of a set) gives. */
export function storiesMembersSql(storyIds: string): string {
  return `SELECT members.story_id, stories.size, stories.first_published_at, members.id, members.slug,
      members.title, members.published_at, members.agency, members.publisher
    FROM (
      SELECT article_stories.story_id, articles.id, articles.slug, articles.title, articles.published_at,
        articles.agency, articles.publisher,
        row_number() OVER (
          PARTITION BY article_stories.story_id
          ORDER BY articles.sort_at = '', articles.sort_at, articles.id
        ) AS position
      FROM article_stories JOIN articles ON articles.seq = article_stories.article_seq
      WHERE article_stories.story_id IN ${storyIds}
    ) AS members JOIN stories ON stories.id = members.story_id
    WHERE members.position <= ${ALSO_IN_LIMIT + 1}
    ORDER BY members.story_id, members.position`;
}

/** The stories the members' read found, by id, each with its members in the order read: earliest first. */
export function pageStories(rows: readonly StoryMemberRow[]): Map<string, PageStory> {
  const stories = new Map<string, PageStory>();
  for (const row of rows) {
    let story = stories.get(row.story_id);
    if (!story) {
      story = {
        ref: { id: row.story_id, size: Number(row.size), firstPublishedAt: row.first_published_at },
        members: [],
      };
      stories.set(row.story_id, story);
    }
    story.members.push(toStoryMember(row));
  }
  return stories;
}

/** What a hit is told of its story. */
export interface HitStory {
  story: StoryRef;
  alsoIn: StoryMember[];
}

/**
 * The story of the hit of article `id` and its other articles. An article whose story the read did not
 * find stands alone: a story of one (which has no row), or one rewritten between the page's reads.
 */
export function hitStory(
  article: { id: string; publishedAt: string | null },
  storyId: string | null,
  stories: ReadonlyMap<string, PageStory>,
): HitStory {
  const story = storyId === null ? undefined : stories.get(storyId);
  if (!story)
    return { story: { id: article.id, size: 1, firstPublishedAt: article.publishedAt }, alsoIn: [] };
  // Copies: a store may keep the page's stories for later pages, and a caller may change what it gets.
  return {
    story: { ...story.ref },
    alsoIn: story.members
      .filter((member) => member.id !== article.id)
      .slice(0, ALSO_IN_LIMIT)
      .map((member) => ({ ...member, source: { ...member.source } })),
  };
}
