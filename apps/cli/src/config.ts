// What the command line takes from its environment: the one place it reads it. Commands get it through
// their `Io` (tests pass their own), and read their variables from there.
import type { Environment } from '@khabar/schema';

export interface CliEnvironment {
  /** Where relative paths start: the folder `pnpm khabar` was run from (`INIT_CWD`), else this process's. */
  cwd: string;
  /** The variables commands read: `KHABAR_DB`, `KHABAR_DEBUG`, and the API's settings for `serve`. */
  env: Environment;
}

export function cliEnvironment(): CliEnvironment {
  return { cwd: process.env.INIT_CWD ?? process.cwd(), env: process.env };
}
