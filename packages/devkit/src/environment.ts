// What tests, benchmarks and the start script take from the environment: the one place devkit reads it.

/** The environment a child process starts with: this process's, with `extra` on top. */
export function childEnvironment(extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}

/** Debian's Chromium, or the browser `CHROME_PATH` names. */
export function chromiumExecutable(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}

/** The PostgreSQL database tests may use (`KHABAR_TEST_PG_URL`); those that need one skip without it. */
export function testPostgresUrl(): string | undefined {
  return process.env.KHABAR_TEST_PG_URL || undefined;
}

/** The Redis server tests may use (`KHABAR_TEST_REDIS_URL`); those that need one skip without it. */
export function testRedisUrl(): string | undefined {
  return process.env.KHABAR_TEST_REDIS_URL || undefined;
}
