import { ConfigError, loadConfig, redactLocation } from './config.ts';
import { jsonLogger } from './logger.ts';
import { startApi } from './start.ts';

// The process entry (`pnpm start`, `node apps/api/src/main.ts`): configuration from the environment.
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`khabar-api: ${error.message}\n`);
  process.exit(2);
}

try {
  const api = await startApi(config, jsonLogger);
  jsonLogger.info({ msg: 'listening', url: api.url, db: redactLocation(config.db), seeded: api.seeded });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      jsonLogger.info({ msg: 'stopping', signal });
      api.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (error) {
  process.stderr.write(`khabar-api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
