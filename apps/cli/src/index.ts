export { run, version } from './cli.ts';
export { type Command, type Io, UsageError } from './command.ts';
