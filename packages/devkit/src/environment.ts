// What tests, benchmarks and the start script take from the environment: the one place devkit reads it.

/** The environment a child process starts with: this process's, with `extra` on top. */
export function childEnvironment(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}

/** Debian's Chromium, or the browser `CHROME_PATH` names. */
export function chromiumExecutable(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}
