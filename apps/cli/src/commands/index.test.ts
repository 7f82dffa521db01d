import { describe, expect, it } from 'vitest';
import { commands } from './index.ts';

describe('the command registry', () => {
  it.each(commands.map((entry) => [entry.name, entry] as const))(
    '%s loads the command it lists, with the same name and summary',
    async (_name, entry) => {
      const command = await entry.load();
      expect([command.name, command.summary]).toEqual([entry.name, entry.summary]);
      expect(command.usage).toContain(`khabar ${entry.name}`);
    },
  );

  it('lists each name once', () => {
    const names = commands.map((entry) => entry.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
