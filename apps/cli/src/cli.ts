import { parseArgs } from 'node:util';
import packageJson from '../package.json' with { type: 'json' };
import { type Io, UsageError } from './command.ts';
import { commands } from './commands/index.ts';

export const version: string = packageJson.version;

function help(): string {
  const width = Math.max(...commands.map((command) => command.name.length), 4);
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    'khabar: read, store, search and serve Arabic news articles',
    '',
    'Usage: khabar <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    "  -h, --help     show help (after a command: that command's help)",
    '  -v, --version  print the version',
    '',
  ].join('\n');
}

/** Runs the command line and resolves to the process exit code; never throws. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
      io.stdout.write(help());
      return name === undefined ? 2 : 0;
    }
    if (name === '-v' || name === '--version') {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    const entry = commands.find((candidate) => candidate.name === name);
    if (!entry) {
      throw new UsageError(`unknown command '${name}' (see 'khabar --help')`);
    }
    const command = await entry.load();
    const { values } = parseArgs({
      args: rest,
      options: { help: { type: 'boolean', short: 'h' } },
      strict: false,
      allowPositionals: true,
    });
    if (values.help) {
      io.stdout.write(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`khabar: ${message}\n`);
    if (!(error instanceof UsageError) && io.env.KHABAR_DEBUG && error instanceof Error && error.stack) {
      io.stderr.write(`${error.stack}\n`);
    }
    return error instanceof UsageError ? 2 : 1;
  }
}
