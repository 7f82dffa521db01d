import { parseArgs } from 'node:util';
import { redactLocation } from '@khabar/schema';
import { type ArticleStore, type IntegrityReport, isPostgresUrl, StoreError } from '@khabar/store';
import { type Command, type Io, UsageError } from '../command.ts';
import { dbOption, dbUsage, MissingStoreError, resolveDb, withStore } from '../store-option.ts';

/** Exit codes of `khabar check`, as its help lists them. */
export const CHECK_EXIT = { clean: 0, damaged: 1, usage: 2, unopened: 3 } as const;

const usage = `Usage: khabar check [options]

Checks the store for damage. A SQLite file that is not there is refused, not created, and a damaged
one is opened for the check alone; a PostgreSQL schema is neither created nor migrated. The quick check
finds the schema and reads the tables (SQLite: quick_check); --full reads every row and checks every
index against its table (SQLite: integrity_check; PostgreSQL: the amcheck extension, where the
connection may create it for the time of the check). Prints the store, the check, each problem and
each check that could not run here.

Exit codes: 0 nothing damaged, 1 damage found, 2 usage error, 3 the store could not be opened (a
SQLite file that is not there, a server that does not answer).

Options:
${dbUsage}
  --full            read everything, not only the schema and a row of each table
  -h, --help        show this help
`;

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { ...dbOption, full: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`check: ${(error as Error).message}`);
  }
}

/** `khabar check`: the store's integrity, as lines and an exit code. */
export const checkCommand: Command = {
  name: 'check',
  summary: 'check the store for damage (pages, indexes, tables)',
  usage,
  async run(args, io) {
    const values = parseOptions(args);
    const location = resolveDb(values, io);
    const depth = values.full ? 'full' : 'quick';
    // A problem of several lines (SQLite reports some so) keeps its continuation lines under its text.
    const write = (label: string, text: string) =>
      io.stdout.write(`${label.padEnd(8)} ${text.replaceAll('\n', `\n${' '.repeat(9)}`)}\n`);
    write('store', redactLocation(location));
    try {
      const report = await withStore(location, (store) => checked(store, depth, write), {
        access: 'read',
        // A damaged SQLite file opens for the check (not for writes) instead of being refused.
        options: isPostgresUrl(location) ? { migrate: false } : { openCheck: 'record' },
      });
      write('result', report.ok ? 'nothing damaged' : `damaged: ${report.problems.length} problem(s)`);
      return report.ok ? CHECK_EXIT.clean : CHECK_EXIT.damaged;
    } catch (error) {
      return failed(error, io, write);
    }
  },
};

async function checked(
  store: ArticleStore,
  depth: 'quick' | 'full',
  write: (label: string, text: string) => void,
): Promise<IntegrityReport> {
  write('check', `${depth} (${store.kind})`);
  const report = await store.check(depth);
  for (const problem of report.problems) write('problem', problem);
  for (const skipped of report.skipped) write('skipped', skipped);
  return report;
}

/** A store that met damage on open is damaged; one that could not be reached or opened is not known. */
function failed(error: unknown, io: Io, write: (label: string, text: string) => void): number {
  if (error instanceof StoreError && error.code === 'corrupt') {
    write('problem', error.message);
    write('result', 'damaged: the store could not be opened');
    return CHECK_EXIT.damaged;
  }
  if (error instanceof MissingStoreError || error instanceof StoreError) {
    io.stderr.write(`khabar: check: ${error.message}\n`);
    return CHECK_EXIT.unopened;
  }
  throw error;
}
