import { describe, expect, it } from 'vitest';
import { UsageError } from './command.ts';
import { resolveDb } from './store-option.ts';

describe('resolveDb', () => {
  const io = { cwd: '/srv/khabar', env: {} };

  it('takes --db first, then KHABAR_DB, then data/khabar.db under the current directory', () => {
    const env = { KHABAR_DB: 'from-env.db' };
    expect(resolveDb({ db: 'flag.db' }, { ...io, env })).toBe('/srv/khabar/flag.db');
    expect(resolveDb({}, { ...io, env })).toBe('/srv/khabar/from-env.db');
    expect(resolveDb({}, io)).toBe('/srv/khabar/data/khabar.db');
    expect(resolveDb({ db: '/var/lib/k.db' }, io)).toBe('/var/lib/k.db');
  });

  it('passes PostgreSQL URLs through untouched', () => {
    for (const url of ['postgres://u:p@db:5432/khabar', 'postgresql://db/khabar?sslmode=require']) {
      expect(resolveDb({ db: url }, io)).toBe(url);
      expect(resolveDb({}, { ...io, env: { KHABAR_DB: url } })).toBe(url);
    }
  });

  it('refuses an empty location', () => {
    expect(() => resolveDb({ db: ' ' }, io)).toThrow(UsageError);
  });
});
