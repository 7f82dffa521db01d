import { parseArgs } from 'node:util';
import type { Highlight, SearchHit } from '@khabar/schema';
import type { ArticleStore } from '@khabar/store';
import { type Command, type Io, UsageError } from '../command.ts';
import { dbOption, dbUsage, resolveDb, withStore } from '../store-option.ts';

const DEFAULT_LIMIT = 10;

const usage = `Usage: khabar search [options] <query>
       khabar search --json [options] < queries.txt

Full-text search over the stored articles. Spelling variants match (hamza forms, ة/ه, ى/ي, harakat,
ال and و prefixes, common suffixes); every word must occur. Prints the best hits with the matched words
marked in fragments of the text. Only reads: a SQLite file that is not there is refused (exit 1), not
created.

Options:
${dbUsage}
  --limit <n>       hits per query, 1 to 100 (default ${DEFAULT_LIMIT})
  --json            one JSON line per query: {"query", "hits": [{"id", "slug", "title", "score"}]};
                    without a query, reads queries from standard input, one per line
  -h, --help        show this help
`;

/** `khabar search`: ranked hits with highlighted fragments, or JSON lines for scripts. */
export const searchCommand: Command = {
  name: 'search',
  summary: 'search the stored articles',
  usage,
  async run(args, io) {
    const { values, positionals } = parseOptions(args);
    const limit = limitOption(values.limit);
    const query = positionals.join(' ');
    if (positionals.length === 0 && !values.json) {
      throw new UsageError(
        "search needs a query (or --json with queries on standard input; see 'khabar search --help')",
      );
    }
    const location = resolveDb(values, io);
    await withStore(
      location,
      async (store) => {
        if (!values.json) {
          printHits(io, query, (await store.search({ q: query, limit })).items);
          return;
        }
        const queries = positionals.length > 0 ? [query] : await readLines(io);
        for (const line of queries) io.stdout.write(`${await jsonLine(store, line, limit)}\n`);
      },
      { access: 'read' },
    );
    return 0;
  },
};

async function jsonLine(store: ArticleStore, query: string, limit: number): Promise<string> {
  const { items } = await store.search({ q: query, limit });
  const hits = items.map(({ article, score }) => ({
    id: article.id,
    slug: article.slug,
    title: article.title,
    score,
  }));
  return JSON.stringify({ query, hits });
}

function printHits(io: Io, query: string, hits: SearchHit[]): void {
  if (hits.length === 0) {
    io.stdout.write(`no articles match '${query}'\n`);
    return;
  }
  const mark = io.stdout.isTTY ? (word: string) => `\x1b[1m${word}\x1b[22m` : (word: string) => `[${word}]`;
  hits.forEach(({ article, score, highlights }, index) => {
    const title = highlights.find((fragment) => fragment.field === 'title');
    const credit = article.source.publisher ?? article.source.agency;
    const facts = [
      article.publishedAt?.slice(0, 10) ?? 'undated',
      credit,
      article.slug,
      `score ${score.toPrecision(3)}`,
    ];
    io.stdout.write(`${index + 1}. ${title ? marked(title, mark) : article.title}\n`);
    io.stdout.write(`   ${facts.filter((fact) => fact !== null).join(' · ')}\n`);
    for (const fragment of highlights.filter((candidate) => candidate.field === 'body')) {
      io.stdout.write(`   ${fragment.start > 0 ? '…' : ''}${marked(fragment, mark)}\n`);
    }
  });
}

/** The fragment text with each matched range passed through `mark`. */
function marked(fragment: Highlight, mark: (word: string) => string): string {
  let text = '';
  let at = fragment.start;
  for (const match of fragment.matches) {
    text += fragment.text.slice(at - fragment.start, match.start - fragment.start);
    text += mark(fragment.text.slice(match.start - fragment.start, match.end - fragment.start));
    at = match.end;
  }
  return text + fragment.text.slice(at - fragment.start);
}

async function readLines(io: Io): Promise<string[]> {
  let text = '';
  for await (const chunk of io.stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        ...dbOption,
        limit: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`search: ${(error as Error).message}`);
  }
}

function limitOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new UsageError(`search: --limit must be a whole number from 1 to 100, got '${value}'`);
  }
  return limit;
}
