import type { Page, Source, Story, StoryMember, StorySummary } from '@khabar/schema';
import { decodeStoryCursor, encodeStoryCursor } from '../cursor.ts';
import { StoreError } from '../errors.ts';
import { checkLimit, DEFAULT_LIST_SIZE } from '../limits.ts';
import { compareMembers } from '../stories/index.ts';
import type { StoryCluster, StoryQuery } from '../types.ts';
import { type Dialect, Params, type Query } from './dialect.ts';
import type { Reader } from './read.ts';

/** A story's row in `stories`, or for a story of one (which has none), its article's columns. */
interface StoryRow {
  id: string;
  first_published_at: string | null;
  last_published_at: string | null;
  sort_at: string;
}

/** An article of a story as the reads select it (`story_id`, then the columns of a `StoryMember`). */
export interface MemberRow {
  story_id: string;
  id: string;
  slug: string;
  title: string;
  published_at: string | null;
  agency: string | null;
  publisher: string | null;
}

/** The member a row of `MemberRow` describes. */
export function toStoryMember(row: MemberRow): StoryMember {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    publishedAt: row.published_at,
    source: { agency: row.agency, publisher: row.publisher },
  };
}

const STORY_COLUMNS = 'id, first_published_at, last_published_at, sort_at';

/** By default a listing shows the stories more than one article tells. */
const DEFAULT_MIN_SIZE = 2;

/**
 * The statement of a listing of stories, the one with the latest article first: one row more than the
 * page, to tell whether another follows. A filter holds when any article of the story passes it.
 * Stories of two or more articles are rows of `stories`; a story of one is an article naming itself
 * as its story, with no row, and is listed only when the smallest size asked for is 1.
 */
export function storiesStatement(dialect: Dialect, query: StoryQuery, limit: number): Query {
  const params = new Params(dialect);
  const minSize = checkMinSize(query.minSize);
  const position = query.cursor === undefined ? null : decodeStoryCursor(query.cursor);
  const after = (sortAt: string, id: string) =>
    position === null
      ? []
      : [`(${sortAt}, ${id}) < (${params.add(position.sortKey)}, ${params.add(position.id)})`];

  const kept = [`size >= ${params.add(Math.max(2, minSize))}`];
  const anyArticle = (join: string, condition: string) =>
    `EXISTS (SELECT 1 FROM article_stories AS m ${join} WHERE m.story_id = stories.id AND ${condition})`;
  const articles = 'JOIN articles AS a ON a.seq = m.article_seq';
  if (query.tag !== undefined) {
    kept.push(
      anyArticle(
        'JOIN article_tags AS t ON t.article_seq = m.article_seq',
        `t.tag = ${params.add(query.tag)}`,
      ),
    );
  }
  if (query.agency !== undefined) kept.push(anyArticle(articles, `a.agency = ${params.add(query.agency)}`));
  if (query.publisher !== undefined) {
    kept.push(anyArticle(articles, `a.publisher = ${params.add(query.publisher)}`));
  }
  kept.push(...after('sort_at', 'id'));
  const parts = [`SELECT ${STORY_COLUMNS} FROM stories WHERE ${kept.join(' AND ')}`];

  if (minSize === 1) {
    const alone = ['m.story_id = a.id', 'NOT EXISTS (SELECT 1 FROM stories AS st WHERE st.id = a.id)'];
    if (query.tag !== undefined) {
      alone.push(
        `EXISTS (SELECT 1 FROM article_tags AS t WHERE t.article_seq = a.seq AND t.tag = ${params.add(query.tag)})`,
      );
    }
    if (query.agency !== undefined) alone.push(`a.agency = ${params.add(query.agency)}`);
    if (query.publisher !== undefined) alone.push(`a.publisher = ${params.add(query.publisher)}`);
    alone.push(...after('a.sort_at', 'a.id'));
    parts.push(
      `SELECT a.id, a.published_at AS first_published_at, a.published_at AS last_published_at, a.sort_at
       FROM article_stories AS m ${articles} WHERE ${alone.join(' AND ')}`,
    );
  }
  return params.query(
    `SELECT ${STORY_COLUMNS} FROM (${parts.join(' UNION ALL ')}) AS listed
     ORDER BY sort_at DESC, id DESC LIMIT ${params.add(limit + 1)}`,
  );
}

/** A page of stories that pass the query's filters, from its cursor on (see `ArticleStore.stories`). */
export async function listStories(reader: Reader, query: StoryQuery = {}): Promise<Page<StorySummary>> {
  const limit = checkLimit(query.limit, DEFAULT_LIST_SIZE);
  const rows = await reader.read<StoryRow>(storiesStatement(reader.dialect, query, limit));
  const page = rows.slice(0, limit);
  const members = await membersOf(
    reader,
    page.map((row) => row.id),
  );
  const last = page.at(-1);
  return {
    items: page.flatMap((row) => summary(row, members.get(row.id) ?? []) ?? []),
    nextCursor:
      rows.length > limit && last ? encodeStoryCursor({ sortKey: last.sort_at, id: last.id }) : null,
  };
}

/** A story with every article of it, earliest first; null when no story has this id. */
export async function getStory(reader: Reader, id: string): Promise<Story | null> {
  const params = new Params(reader.dialect);
  // Its row, or for a story of one (no row), its article.
  const [row] = await reader.read<StoryRow>(
    params.query(
      `SELECT ${STORY_COLUMNS} FROM stories WHERE id = ${params.add(id)}
       UNION ALL
       SELECT a.id, a.published_at, a.published_at, a.sort_at
       FROM articles AS a JOIN article_stories AS m ON m.article_seq = a.seq
       WHERE a.id = ${params.add(id)} AND m.story_id = a.id
         AND NOT EXISTS (SELECT 1 FROM stories AS st WHERE st.id = a.id)`,
    ),
  );
  if (row === undefined) return null;
  const articles = (await membersOf(reader, [id])).get(id) ?? [];
  const found = summary(row, articles);
  return found === null ? null : { ...found, articles };
}

/**
 * Every story of two or more articles, with its article ids ascending, by story id; with `members`,
 * each article's title, outlet and time too, from the same statement.
 */
export async function storyClusters(
  { read }: Reader,
  { members = false }: { members?: boolean } = {},
): Promise<StoryCluster[]> {
  const rows = await read<MemberRow>({
    sql: `SELECT m.story_id, a.id${members ? ', a.slug, a.title, a.published_at, a.agency, a.publisher' : ''}
          FROM stories AS st
          JOIN article_stories AS m ON m.story_id = st.id
          JOIN articles AS a ON a.seq = m.article_seq
          WHERE st.size >= 2`,
    params: [],
  });
  const clusters = new Map<string, MemberRow[]>();
  for (const row of rows) {
    const articles = clusters.get(row.story_id);
    if (articles === undefined) clusters.set(row.story_id, [row]);
    else articles.push(row);
  }
  // Ids are lower-case hexadecimal: JavaScript's order of strings is their code point order.
  return [...clusters]
    .sort(([first], [second]) => compareText(first, second))
    .map(([story, rows]) => {
      const articles = rows.map((row) => row.id).sort(compareText);
      if (!members) return { story, articles };
      return { story, articles, members: rows.map(toStoryMember).sort(compareMembers) };
    });
}

/** The articles of each story, earliest first (undated last, then by id). */
async function membersOf(
  { dialect, read }: Reader,
  storyIds: readonly string[],
): Promise<Map<string, StoryMember[]>> {
  const byStory = new Map<string, StoryMember[]>();
  if (storyIds.length === 0) return byStory;
  const params = new Params(dialect);
  const rows = await read<MemberRow>(
    params.query(
      `SELECT m.story_id, a.id, a.slug, a.title, a.published_at, a.agency, a.publisher
       FROM article_stories AS m JOIN articles AS a ON a.seq = m.article_seq
       WHERE ${params.inList('m.story_id', storyIds)}`,
    ),
  );
  for (const row of rows) {
    const member = toStoryMember(row);
    const members = byStory.get(row.story_id);
    if (members === undefined) byStory.set(row.story_id, [member]);
    else members.push(member);
  }
  for (const members of byStory.values()) members.sort(compareMembers);
  return byStory;
}

/**
 * The summary of a story from its row and articles, read by two statements: null when a write between
 * them took every article out of it (the story is gone, or has another id now).
 */
function summary(row: StoryRow, members: readonly StoryMember[]): StorySummary | null {
  const earliest = members[0];
  if (earliest === undefined) return null;
  return {
    id: row.id,
    size: members.length,
    firstPublishedAt: row.first_published_at,
    lastPublishedAt: row.last_published_at,
    earliest,
    outlets: outletsOf(members),
  };
}

/** The distinct credits of the articles, earliest first; an article crediting no one names no outlet. */
function outletsOf(members: readonly StoryMember[]): Source[] {
  const seen = new Set<string>();
  const outlets: Source[] = [];
  for (const { source } of members) {
    if (source.agency === null && source.publisher === null) continue;
    const key = JSON.stringify([source.agency, source.publisher]);
    if (seen.has(key)) continue;
    seen.add(key);
    outlets.push(source);
  }
  return outlets;
}

/** Checks a listing's smallest story size: an integer of 1 or more, 2 when absent. */
function checkMinSize(minSize: number | undefined): number {
  if (minSize === undefined) return DEFAULT_MIN_SIZE;
  if (!Number.isSafeInteger(minSize) || minSize < 1) {
    throw new StoreError('invalid_query', `minSize must be an integer of 1 or more, got ${minSize}`);
  }
  return minSize;
}

function compareText(first: string, second: string): number {
  return first < second ? -1 : first > second ? 1 : 0;
}
