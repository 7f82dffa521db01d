import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, envInteger, envList, envUrl, readEnvironment, redactLocation } from './config.ts';

const Settings = z.object({
  PORT: envInteger('PORT', 0, 65535, 8787),
  ORIGINS: z.string().optional().transform(envList),
  SITE: envUrl('SITE'),
});

describe('reading settings from the environment', () => {
  it('takes defaults for unset and empty variables', () => {
    expect(readEnvironment(Settings, {})).toEqual({ PORT: 8787, ORIGINS: [], SITE: undefined });
    expect(readEnvironment(Settings, { PORT: ' ', SITE: '' })).toEqual({
      PORT: 8787,
      ORIGINS: [],
      SITE: undefined,
    });
  });

  it('reads whole numbers, lists and URLs', () => {
    expect(
      readEnvironment(Settings, { PORT: ' 0 ', ORIGINS: 'a, ,b,', SITE: 'https://khabar.example/news//' }),
    ).toEqual({ PORT: 0, ORIGINS: ['a', 'b'], SITE: 'https://khabar.example/news' });
  });

  it('stops at a bad value with one line naming the variable once', () => {
    for (const [env, variable, message] of [
      [
        { PORT: '80.5' },
        'PORT',
        'invalid configuration: PORT must be an integer from 0 to 65535 (got "80.5")',
      ],
      [
        { PORT: '70000' },
        'PORT',
        'invalid configuration: PORT must be an integer from 0 to 65535 (got "70000")',
      ],
      [{ SITE: 'ftp://x' }, 'SITE', 'invalid configuration: SITE must be an http(s) URL'],
    ] as const) {
      let error: unknown;
      try {
        readEnvironment(Settings, env);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toBe(message);
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as ConfigError).code).toBe('invalid_config');
      expect((error as ConfigError).message).not.toContain('\n');
    }
  });

  it('prefixes the variable when the message does not name it', () => {
    const Named = z.object({ MODE: z.enum(['a', 'b']) });
    expect(() => readEnvironment(Named, { MODE: 'c' })).toThrow(/^invalid configuration: MODE: /);
  });
});

describe('redactLocation', () => {
  it('hides a URL’s password, keeps paths and password-less URLs, and cuts a malformed URL to its scheme', () => {
    expect(redactLocation('postgres://khabar:s3cret@db:5432/news')).toBe(
      'postgres://khabar:***@db:5432/news',
    );
    expect(redactLocation('redis://:s3cret@cache:6379/0')).toBe('redis://:***@cache:6379/0');
    expect(redactLocation('postgres://khabar@db/news')).toBe('postgres://khabar@db/news');
    expect(redactLocation('/srv/khabar/data/khabar.db')).toBe('/srv/khabar/data/khabar.db');
    expect(redactLocation('data/khabar.db')).toBe('data/khabar.db');
    const malformed = redactLocation('postgres://khabar:s3 cret@[db/news');
    expect(malformed).toBe('postgres://…');
  });
});
