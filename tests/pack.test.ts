// The published libraries, packed as npm would publish them, work from a project outside the workspace:
// their runtime imports resolve to the built ESM and their types check under TypeScript's NodeNext rules.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const libraries = ['schema', 'arabic', 'parser', 'store'];
const seed = join(root, 'seeds/000_eaf3ae8403d3c001.txt');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

let project: string;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'khabar-pack-'));
  const tarballs = join(project, 'tarballs');
  mkdirSync(tarballs);
  for (const name of libraries) {
    run('pnpm', ['pack', '--pack-destination', tarballs], join(root, 'packages', name));
  }
  const dependencies = Object.fromEntries(
    readdirSync(tarballs).map((file) => [
      `@khabar/${file.replace(/^khabar-(\w+)-.*$/, '$1')}`,
      `file:tarballs/${file}`,
    ]),
  );
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      dependencies,
      pnpm: { overrides: dependencies },
    }),
  );
  run(
    'pnpm',
    ['install', '--prefer-offline', '--ignore-workspace', '--config.confirmModulesPurge=false'],
    project,
  );
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('packed libraries', () => {
  it('ship only built files and a package.json that points at them', () => {
    const manifest = JSON.parse(
      run('node', ['-p', 'JSON.stringify(require("@khabar/schema/package.json"))'], project),
    );
    expect(manifest.exports['.'].default).toBe('./dist/index.js');
    expect(manifest.exports['.'].types).toBe('./dist/index.d.ts');
    expect(manifest.dependencies.zod).toMatch(/^\d/);
  });

  it('import and run from plain Node', () => {
    writeFileSync(
      join(project, 'run.mjs'),
      [
        "import { Article, jsonSchemas } from '@khabar/schema';",
        "import { lightStem, normalize } from '@khabar/arabic';",
        "import { parseArticle } from '@khabar/parser';",
        "import { openStore } from '@khabar/store';",
        "import { readFileSync } from 'node:fs';",
        "import articleSchema from '@khabar/schema/article.schema.json' with { type: 'json' };",
        `const parsed = parseArticle(readFileSync(${JSON.stringify(seed)}, 'utf8'));`,
        "const store = await openStore('khabar.db');",
        'const outcome = await store.upsert(parsed.article);',
        "const hits = await store.search({ q: 'روسيا' });",
        'await store.close();',
        // The search threads load their module from beside the bundle.
        "const threaded = await openStore('khabar.db', { searchThreads: 1 });",
        "const threadHits = await threaded.search({ q: 'روسيا' });",
        'await threaded.close();',
        'console.log(JSON.stringify({',
        '  tags: parsed.ok && parsed.article.tags,',
        '  valid: Article.safeParse(parsed.article).success,',
        '  stored: outcome.status,',
        '  found: hits.items.map((hit) => hit.article.id).includes(parsed.article.id),',
        '  sameOnThreads: JSON.stringify(threadHits) === JSON.stringify(hits),',
        "  stem: lightStem(normalize('والمعلمون')),",
        "  acceptsEmptyTitle: Article.safeParse({ title: '' }).success,",
        '  schemas: Object.keys(jsonSchemas()),',
        '  fileSchemaTitle: articleSchema.properties.title.type,',
        '}));',
      ].join('\n'),
    );
    const output = JSON.parse(run('node', ['run.mjs'], project));
    expect(output).toEqual({
      tags: ['الصين', 'وزير خارجية الصين', 'روسيا', 'كوريا الشمالية', 'كيم أون'],
      valid: true,
      stored: 'added',
      found: true,
      sameOnThreads: true,
      stem: 'معلم',
      acceptsEmptyTitle: false,
      schemas: [
        'Article',
        'StoredArticle',
        'ArticleSummary',
        'SearchHit',
        'StorySummary',
        'Story',
        'Problem',
      ],
      fileSchemaTitle: 'string',
    });
  });

  it('type-check in a NodeNext project, and reject misuse', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
        },
        include: ['*.ts'],
      }),
    );
    writeFileSync(
      join(project, 'good.ts'),
      [
        "import type { Article } from '@khabar/schema';",
        "import { normalize, tokenize } from '@khabar/arabic';",
        "import { parseArticle } from '@khabar/parser';",
        "import { type ArticleStore, openStore } from '@khabar/store';",
        "const result = parseArticle('عنوان');",
        'export const parsedTitle: string | undefined = result.ok ? result.article.title : result.error.code;',
        "export const opened: Promise<ArticleStore> = openStore(':memory:');",
        "export const title: Article['title'] = normalize('أخبار');",
        'export const firstStart: number | undefined = tokenize(title)[0]?.start;',
      ].join('\n'),
    );
    expect(() => run('node', [tsc, '-p', '.'], project)).not.toThrow();
    writeFileSync(
      join(project, 'bad.ts'),
      [
        "import type { Article } from '@khabar/schema';",
        "export const wrong: Article['wordCount'] = 'many';",
      ].join('\n'),
    );
    let message = '';
    try {
      run('node', [tsc, '-p', '.'], project);
    } catch (error) {
      message = String((error as { stdout?: string }).stdout);
    }
    expect(message).toMatch(/bad\.ts.*TS2322/);
    rmSync(join(project, 'bad.ts'));
  });
});
