// Every changeset must be one `pnpm version-packages` can read: front matter naming workspace packages
// and a bump type, then a description.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const changesetDir = join(root, '.changeset');
const workspaceNames = new Set(
  ['packages', 'apps'].flatMap((folder) =>
    readdirSync(join(root, folder)).map(
      (name) => JSON.parse(readFileSync(join(root, folder, name, 'package.json'), 'utf8')).name as string,
    ),
  ),
);
const changesets = readdirSync(changesetDir).filter((file) => file.endsWith('.md') && file !== 'README.md');

describe('changesets', () => {
  it('there is at least one', () => {
    expect(changesets.length).toBeGreaterThan(0);
  });

  it.each(changesets)('%s has front matter of workspace packages and bumps, then a description', (file) => {
    const text = readFileSync(join(changesetDir, file), 'utf8');
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]+)$/.exec(text);
    expect(match, 'front matter between two --- lines at the very start').not.toBeNull();
    const [, frontMatter = '', description = ''] = match ?? [];
    for (const line of frontMatter.split('\n')) {
      const entry = /^"(@khabar\/[a-z-]+)": (major|minor|patch)$/.exec(line);
      expect(entry, `line «${line}»`).not.toBeNull();
      expect(workspaceNames.has(entry?.[1] ?? ''), `${entry?.[1]} is a workspace package`).toBe(true);
    }
    expect(description.trim().length).toBeGreaterThan(20);
  });
});
