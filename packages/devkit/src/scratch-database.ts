import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A database of its own for one test, on the server of `adminUrl`, and how to refuse and drop it. */
export interface ScratchDatabase {
  /** The URL of the new database. */
  url: string;
  /** Makes the server refuse new connections to it and ends the open ones. */
  refuseConnections(): Promise<void>;
  /** Allows connections again, then drops it (whatever sessions remain are ended). */
  drop(): Promise<void>;
}

async function asAdmin(adminUrl: string, sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** Creates `khabar_<purpose>_<random>` next to the database `adminUrl` names. */
export async function scratchDatabase(adminUrl: string, purpose: string): Promise<ScratchDatabase> {
  const name = `khabar_${purpose}_${randomBytes(5).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const endSessions = () =>
    asAdmin(
      adminUrl,
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
  return {
    url: url.toString(),
    async refuseConnections() {
      await asAdmin(adminUrl, `ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      await endSessions();
    },
    async drop() {
      await asAdmin(adminUrl, `ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
      await endSessions();
      await asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name}`);
    },
  };
}
