import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnvironment, type ScratchDatabase, scratchDatabase, testPostgresUrl } from '@khabar/devkit';
import { openStore } from '@khabar/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, memoryIo } from '../../test/test-io.ts';
import { run } from '../cli.ts';

const bin = fileURLToPath(new URL('../bin.ts', import.meta.url));
// Near-copies of two stories (`desal-*`, `fair-*`: new titles, edited sentences, other credits, a day
// or two apart) and articles no other outlet ran (`single-*`), one of them on the same subject.
const fixtures = fileURLToPath(new URL('../../test/fixtures/stories/', import.meta.url));
const pgUrl = testPostgresUrl();

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `khabar stories` as a process, in `cwd`, with no environment but `PATH` and `env`. */
function stories(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Exit> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, 'stories', ...args],
      { cwd: options.cwd ?? tmpdir(), env: { PATH: childEnvironment().PATH ?? '', ...options.env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface Fixture {
  file: string;
  id: string;
  publishedAt: string;
  title: string;
}

/** Each fixture as the parser reads it: its id, time and title, whatever the store makes of it. */
async function parsedFixtures(): Promise<Fixture[]> {
  const files = readdirSync(fixtures).sort();
  const { io, stdout } = memoryIo();
  expect(await run(['parse', ...files.map((file) => join(fixtures, file))], io)).toBe(0);
  return jsonLines(stdout()).map((article, index) => ({
    file: files[index] as string,
    id: article.id as string,
    publishedAt: article.publishedAt as string,
    title: article.title as string,
  }));
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The stories the fixtures make: one per file-name group of two or more, named by its earliest article
 * (ties by the smaller id), its ids ascending; the stories in order of their ids.
 */
function expectedStories(articles: Fixture[]): { story: string; articles: string[] }[] {
  const groups = new Map<string, Fixture[]>();
  for (const article of articles) {
    const group = basename(article.file).split('-')[0] as string;
    if (group !== 'single') groups.set(group, [...(groups.get(group) ?? []), article]);
  }
  return [...groups.values()]
    .map((members) => {
      const [earliest] = [...members].sort(
        (a, b) => byCodePoint(a.publishedAt, b.publishedAt) || byCodePoint(a.id, b.id),
      );
      return { story: earliest?.id ?? '', articles: members.map((member) => member.id).sort(byCodePoint) };
    })
    .sort((a, b) => byCodePoint(a.story, b.story));
}

interface StoreUnderTest {
  kind: string;
  /** A store holding the fixtures. */
  filled: () => Promise<string>;
  /** A store with nothing in it. */
  empty: () => Promise<string>;
}

const dir = mkdtempSync(join(tmpdir(), 'khabar-stories-'));
const scratch: ScratchDatabase[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const database of scratch.splice(0)) await database.drop();
});

async function ingested(db: string): Promise<string> {
  const { io, stdout } = memoryIo();
  expect(await run(['ingest', fixtures, '--db', db], io)).toBe(0);
  expect(stdout()).toMatch(/: added 7\b/);
  return db;
}

async function emptyStore(db: string): Promise<string> {
  await (await openStore(db)).close();
  return db;
}

async function database(purpose: string): Promise<string> {
  const created = await scratchDatabase(pgUrl as string, purpose);
  scratch.push(created);
  return created.url;
}

const stores: StoreUnderTest[] = [
  {
    kind: 'sqlite',
    filled: () => ingested(join(dir, 'filled.db')),
    // Where the command looks when neither --db nor KHABAR_DB says: data/khabar.db in its folder.
    empty: async () => {
      mkdirSync(join(dir, 'data'));
      return emptyStore(join(dir, 'data', 'khabar.db'));
    },
  },
  ...(pgUrl
    ? [
        {
          kind: 'postgres',
          filled: async () => ingested(await database('cli_stories')),
          empty: async () => emptyStore(await database('cli_stories_empty')),
        },
      ]
    : []),
];

describe.each(stores)('khabar stories on $kind', ({ kind, filled, empty }) => {
  let fixturesRead: Fixture[];
  let db: string;
  let emptyDb: string;

  beforeAll(async () => {
    fixturesRead = await parsedFixtures();
    db = await filled();
    emptyDb = await empty();
  });

  it('prints one JSON line per story of two or more articles, in order of story id', async () => {
    const result = await stories(['--db', db, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('\n')).toBe(true);
    const lines = result.stdout.trimEnd().split('\n');
    const printed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(printed.map((line) => Object.keys(line))).toEqual(lines.map(() => ['story', 'articles']));
    const expected = expectedStories(fixturesRead);
    // Two stories, whose order by id is not the order their files were read in.
    expect(expected.map((story) => story.articles.length)).toEqual([2, 3]);
    expect(printed).toEqual(expected);
    const singles = fixturesRead.filter((fixture) => fixture.file.startsWith('single-'));
    expect(singles).toHaveLength(2);
    for (const single of singles) expect(result.stdout).not.toContain(single.id);
  });

  it('takes the store from KHABAR_DB when --db is not given', async () => {
    const result = await stories(['--json'], { env: { KHABAR_DB: db } });
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toEqual(expectedStories(fixturesRead));
  });

  it('prints each story for people: id, size and days, then its articles earliest first', async () => {
    const result = await stories(['--db', db]);
    expect(result.code).toBe(0);
    const blocks = result.stdout.trimEnd().split('\n\n');
    expect(blocks.at(-1)).toBe('2 stories, 5 articles');
    const expected = expectedStories(fixturesRead);
    expect(blocks.slice(0, -1).map((block) => block.split('\n')[0])).toEqual([
      `story ${expected[0]?.story} · 2 articles · 2024-03-09 to 2024-03-10`,
      `story ${expected[1]?.story} · 3 articles · 2024-03-04 to 2024-03-06`,
    ]);
    const byFile = new Map(fixturesRead.map((fixture) => [fixture.file, fixture]));
    const line = (file: string, credit: string) => {
      const fixture = byFile.get(file) as Fixture;
      return `  ${fixture.publishedAt.slice(0, 10)}  ${fixture.id}  ${credit} · ${fixture.title}`;
    };
    expect(blocks[0]?.split('\n').slice(1)).toEqual([
      line('fair-b.txt', 'واس'),
      line('fair-a.txt', 'صحيفة الرياض'),
    ]);
    expect(blocks[1]?.split('\n').slice(1)).toEqual([
      line('desal-b.txt', 'صحيفة المدينة (واس)'),
      line('desal-a.txt', 'صحيفة اليوم'),
      line('desal-c.txt', 'سبق'),
    ]);
  });

  it('prints nothing for an empty store and exits 0', async () => {
    // The SQLite store is the default one of the folder the command runs in.
    const args = kind === 'sqlite' ? [] : ['--db', emptyDb];
    const json = await stories([...args, '--json'], { cwd: dir });
    expect(json).toEqual({ code: 0, stdout: '', stderr: '' });
    const people = await stories(args, { cwd: dir });
    expect(people).toEqual({ code: 0, stdout: 'no stories of two or more articles\n', stderr: '' });
  });
});

describe('khabar stories refuses', () => {
  it('a SQLite file that is not there in one line, exit 1, creating nothing', async () => {
    const missing = join(dir, 'absent', 'k.db');
    const result = await stories(['--db', missing, '--json']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: `khabar: no store at ${missing} (nothing is created for a command that only reads; 'khabar ingest --db ${missing}' creates one)\n`,
    });
    expect(existsSync(join(dir, 'absent'))).toBe(false);
  });

  it('a file that is not a store, in one line with exit 1', async () => {
    const notes = join(dir, 'notes.db');
    writeFileSync(notes, 'these are notes, not a database\n'.repeat(200));
    const result = await stories(['--db', notes, '--json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^khabar: .+\n$/);
  });

  it('a PostgreSQL server that does not answer, in one line with exit 1, hiding the password', async () => {
    const result = await stories(['--db', 'postgres://khabar:s3cret@127.0.0.1:1/none', '--json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^khabar: .*PostgreSQL.*\n$/);
    expect(result.stderr).not.toContain('s3cret');
  });

  it('an empty --db and options it does not take as usage errors, exit 2', async () => {
    for (const args of [['--db', ''], ['--limit', '3'], ['extra']]) {
      const result = await stories(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^khabar: .+\n$/);
    }
  });
});

describe('khabar stories help', () => {
  it('is listed by khabar --help and has its own', async () => {
    const listing = memoryIo();
    expect(await run(['--help'], listing.io)).toBe(0);
    expect(listing.stdout()).toMatch(/^ {2}stories +list the stories/m);
    const own = memoryIo();
    expect(await run(['stories', '--help'], own.io)).toBe(0);
    expect(own.stdout()).toContain('Usage: khabar stories [options]');
    expect(own.stdout()).toContain('--json');
  });
});
