import type { Command } from '../command.ts';
import { ingestCommand } from './ingest.ts';
import { parseCommand } from './parse.ts';
import { searchCommand } from './search.ts';

/** Every subcommand, in the order `khabar --help` lists them. */
export const commands: Command[] = [parseCommand, ingestCommand, searchCommand];
