import type pg from 'pg';
import type { StoreChange } from '../types.ts';

/** The channel every Khabar store on a database notifies and listens on. */
export const CHANGE_CHANNEL = 'khabar_changes';

/** The application name of the connections that listen, followed by their schema, as `pg_stat_activity` shows them. */
export const CHANGE_FEED_NAME = 'khabar change feed';

// PostgreSQL refuses payloads of 8000 bytes or more; a longer list of ids is sent as "assume any".
const MAX_PAYLOAD_BYTES = 7900;
const RECONNECT_MS = 500;

interface Payload {
  /** The store instance that wrote, which reports its own writes directly. */
  origin: string;
  schema: string;
  ids: readonly string[];
}

/** The notification for a committed write: its origin, schema and ids, or no ids when they do not fit. */
export function changePayload(origin: string, schema: string, ids: readonly string[]): string {
  const text = JSON.stringify({ origin, schema, ids });
  return Buffer.byteLength(text) < MAX_PAYLOAD_BYTES ? text : JSON.stringify({ origin, schema, ids: [] });
}

/** A notification's payload, or null when it is not one of ours. */
export function readPayload(text: string | undefined): Payload | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { origin, schema, ids } = value as Record<string, unknown>;
    if (typeof origin !== 'string' || typeof schema !== 'string' || !Array.isArray(ids)) return null;
    return { origin, schema, ids: ids.filter((id): id is string => typeof id === 'string') };
  } catch {
    return null;
  }
}

/**
 * One connection that LISTENs for other processes' writes to the same schema and reports them. It
 * reconnects when the connection drops; notifications sent while it was away are lost, so each time it
 * starts listening it reports a change of unknown extent (no ids), and the caller drops what it cached.
 */
export class PostgresChangeFeed {
  readonly #connect: () => pg.Client;
  readonly #schema: string;
  readonly #origin: string;
  readonly #emit: (change: StoreChange) => void;
  #client: pg.Client | null = null;
  #running = false;
  #retry: NodeJS.Timeout | null = null;

  constructor(connect: () => pg.Client, schema: string, origin: string, emit: (change: StoreChange) => void) {
    this.#connect = connect;
    this.#schema = schema;
    this.#origin = origin;
    this.#emit = emit;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#listen();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#retry !== null) clearTimeout(this.#retry);
    this.#retry = null;
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  async #listen(): Promise<void> {
    const client = this.#connect();
    this.#client = client;
    let failed = false;
    const fail = () => {
      if (failed) return;
      failed = true;
      client.end().catch(() => undefined);
      // Only the connection in use reconnects: one that `stop()` let go ends later, maybe after a
      // new `start()`, and must not open a second.
      if (this.#client !== client) return;
      this.#client = null;
      if (!this.#running) return;
      this.#retry = setTimeout(() => {
        this.#retry = null;
        if (this.#running) void this.#listen();
      }, RECONNECT_MS);
      this.#retry.unref();
    };
    client.on('error', fail);
    client.on('end', fail);
    client.on('notification', (message) => {
      if (this.#client !== client) return;
      const payload = readPayload(message.payload);
      if (payload === null || payload.schema !== this.#schema || payload.origin === this.#origin) return;
      this.#emit({ ids: payload.ids });
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch {
      fail();
      return;
    }
    if (failed) return;
    if (!this.#running || this.#client !== client) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#emit({ ids: [] });
  }
}
