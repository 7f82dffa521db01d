import type { Command } from '../command.ts';
import { ingestCommand } from './ingest.ts';
import { parseCommand } from './parse.ts';
import { searchCommand } from './search.ts';
import { serveCommand } from './serve.ts';

/** Every subcommand, in the order `khabar --help` lists them. */
export const commands: Command[] = [parseCommand, ingestCommand, searchCommand, serveCommand];
