import { parseArgs } from 'node:util';
import type { Source, StoryMember } from '@khabar/schema';
import type { StoryCluster } from '@khabar/store';
import { type Command, type Io, UsageError } from '../command.ts';
import { dbOption, dbUsage, resolveDb, withStore } from '../store-option.ts';

const usage = `Usage: khabar stories [options]

Lists the stories the store has found: the articles that are one piece of news as several outlets ran
it (new titles, edited bodies, other credits). Stories of one article are left out. Stories come in
order of their id, the id of their earliest article. Each is printed with its size and dates, then its
articles, earliest first, each with its date, id, outlet and title. Only reads: a SQLite file that is
not there is refused (exit 1), not created.

Options:
${dbUsage}
  --json            one JSON line per story: {"story", "articles"}, article ids ascending
  -h, --help        show this help
`;

/** `khabar stories`: every story of two or more articles, for people or as JSON lines for scripts. */
export const storiesCommand: Command = {
  name: 'stories',
  summary: 'list the stories: articles that several outlets ran, grouped',
  usage,
  async run(args, io) {
    const values = parseOptions(args);
    const location = resolveDb(values, io);
    await withStore(
      location,
      async (store) => {
        if (values.json) {
          for (const { story, articles } of await store.storyClusters())
            io.stdout.write(`${JSON.stringify({ story, articles })}\n`);
          return;
        }
        printStories(io, await store.storyClusters({ members: true }));
      },
      { access: 'read' },
    );
    return 0;
  },
};

function printStories(io: Io, clusters: StoryCluster[]): void {
  if (clusters.length === 0) {
    io.stdout.write('no stories of two or more articles\n');
    return;
  }
  let articleCount = 0;
  for (const [index, cluster] of clusters.entries()) {
    if (index > 0) io.stdout.write('\n');
    const members = cluster.members ?? [];
    articleCount += members.length;
    const span = dateSpan(members);
    io.stdout.write(`story ${cluster.story} · ${members.length} articles${span ? ` · ${span}` : ''}\n`);
    for (const member of members) io.stdout.write(`  ${memberLine(member)}\n`);
  }
  io.stdout.write(`\n${clusters.length} stories, ${articleCount} articles\n`);
}

/** First and last day of the dated members, as `YYYY-MM-DD` or `YYYY-MM-DD to YYYY-MM-DD`. */
function dateSpan(members: StoryMember[]): string {
  const days = members
    .flatMap((member) => (member.publishedAt ? [member.publishedAt.slice(0, 10)] : []))
    .sort();
  const [first, last] = [days[0], days.at(-1)];
  if (first === undefined || last === undefined) return '';
  return first === last ? first : `${first} to ${last}`;
}

function memberLine(member: StoryMember): string {
  const day = (member.publishedAt?.slice(0, 10) ?? 'undated').padEnd(10);
  return `${day}  ${member.id}  ${credit(member.source)} · ${member.title}`;
}

/** The outlet as a reader names it: the publisher, and the agency it credits when it credits one. */
function credit(source: Source): string {
  const { publisher, agency } = source;
  if (publisher && agency && publisher !== agency) return `${publisher} (${agency})`;
  return publisher ?? agency ?? 'uncredited';
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { ...dbOption, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`stories: ${(error as Error).message}`);
  }
}
