export { type AppOptions, type AppType, createApp } from './app.ts';
export { type Client, createClient } from './client.ts';
export { type ApiConfig, ConfigError, defaultDb, loadConfig, redactLocation } from './config.ts';
export { createJsonLogger, jsonLogger, type Logger, silentLogger } from './logger.ts';
export { problemCodes, problemTypes } from './problem.ts';
export { type SeedReport, seedIfEmpty, seedsDir } from './seed.ts';
export type { RunningApi } from './server.ts';
export { type StartedApi, startApi } from './start.ts';
