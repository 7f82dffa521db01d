import { parseArgs } from 'node:util';
import { type ApiConfig, ConfigError, createJsonLogger, loadConfig, startApi } from '@khabar/api';
import { redactLocation } from '@khabar/schema';
import { type Command, type Io, UsageError } from '../command.ts';
import { dbOption, dbUsage, requireExistingStore, resolveDb } from '../store-option.ts';

const usage = `Usage: khabar serve [options]

Serves the HTTP API until Ctrl-C: articles, search, feeds, the OpenAPI document at /openapi.json and
its reference at /docs. One JSON line per request goes to standard output.

Without --db and KHABAR_DB, the default store (data/khabar.db) is used, created if it is missing and
filled with seeds/ while it is empty, so a first run has something to show. A store named by --db or
KHABAR_DB is served as it is: a SQLite file that is not there is refused (exit 1), not created
('khabar ingest --db <path>' creates one).

Options:
  --port <n>        port to listen on (default: $KHABAR_API_PORT, else 8787; 0 picks a free one)
  --host <address>  address to listen on (default: $KHABAR_API_HOST, else 127.0.0.1)
${dbUsage}
  -h, --help        show this help

Keys, CORS, limits and timeouts come from the environment (KHABAR_API_KEYS, …): see apps/api/README.md.
`;

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        ...dbOption,
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`serve: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function configFrom(values: ReturnType<typeof parseOptions>, io: Io): ApiConfig {
  if (values.port !== undefined && !/^\d{1,5}$/.test(values.port)) {
    throw new UsageError(`serve: --port must be a number from 0 to 65535 (got '${values.port}')`);
  }
  const db = resolveDb(values, io);
  try {
    const config = loadConfig({
      ...io.env,
      ...(values.port === undefined ? {} : { KHABAR_API_PORT: values.port }),
      ...(values.host === undefined ? {} : { KHABAR_API_HOST: values.host }),
      KHABAR_DB: db,
    });
    return { ...config, dbIsDefault: values.db === undefined && !io.env.KHABAR_DB };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`serve: ${error.message}`);
    throw error;
  }
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `khabar serve`: the HTTP API over the store, until SIGINT or SIGTERM. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the HTTP API (and its reference at /docs)',
  usage,
  async run(args, io) {
    const config = configFrom(parseOptions(args), io);
    if (!config.dbIsDefault) requireExistingStore(config.db);
    const api = await startApi(config, createJsonLogger(io.stdout, io.stderr)).catch((error: unknown) => {
      const code = error instanceof Error && 'code' in error ? String(error.code) : '';
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        throw new Error(`cannot listen on ${config.host}:${config.port} (${code})`);
      }
      throw error;
    });
    const seeded = api.seeded > 0 ? `, ${api.seeded} seed article(s) stored` : '';
    io.stderr.write(`khabar: serving ${api.url} from ${redactLocation(config.db)}${seeded}; Ctrl-C stops\n`);
    const signal = await untilSignal();
    io.stderr.write(`khabar: ${signal}, stopping\n`);
    await api.close();
    return 0;
  },
};
