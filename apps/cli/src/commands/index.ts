import type { Command } from '../command.ts';
import { parseCommand } from './parse.ts';

/** Every subcommand, in the order `khabar --help` lists them. */
export const commands: Command[] = [parseCommand];
