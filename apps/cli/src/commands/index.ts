import type { Command } from '../command.ts';

/**
 * A subcommand as `khabar --help` lists it. Its implementation, and everything that one imports
 * (the store, the API server, database drivers), loads only when the command runs or shows its help:
 * `khabar parse` starts with the parser alone.
 */
export interface CommandEntry {
  name: string;
  /** One line for `khabar --help`: the loaded command's own summary. */
  summary: string;
  load(): Promise<Command>;
}

/** Every subcommand, in the order `khabar --help` lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'parse',
    summary: 'read pages, text dumps and web archives into articles, one JSON line each',
    load: async () => (await import('./parse.ts')).parseCommand,
  },
  {
    name: 'ingest',
    summary: 'store articles from pages, text dumps, web archives and JSON, with full-text search',
    load: async () => (await import('./ingest.ts')).ingestCommand,
  },
  {
    name: 'search',
    summary: 'search the stored articles',
    load: async () => (await import('./search.ts')).searchCommand,
  },
  {
    name: 'stories',
    summary: 'list the stories: articles that several outlets ran, grouped',
    load: async () => (await import('./stories.ts')).storiesCommand,
  },
  {
    name: 'serve',
    summary: 'serve the HTTP API (and its reference at /docs)',
    load: async () => (await import('./serve.ts')).serveCommand,
  },
  {
    name: 'check',
    summary: 'check the store for damage (pages, indexes, tables)',
    load: async () => (await import('./check.ts')).checkCommand,
  },
];
