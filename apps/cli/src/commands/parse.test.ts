import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Article } from '@khabar/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, memoryIo } from '../../test/test-io.ts';
import { run } from '../cli.ts';

const seed = readFileSync(new URL('../../../../seeds/000_eaf3ae8403d3c001.txt', import.meta.url), 'utf8');
const short = 'خبر قصير\nنشر في: 18/09/2023\nنص الخبر في سطر واحد.\n';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'khabar-parse-'));
  mkdirSync(join(dir, 'docs'));
  writeFileSync(join(dir, 'docs', 'b.txt'), short);
  writeFileSync(join(dir, 'docs', 'a.txt'), seed);
  writeFileSync(join(dir, 'docs', 'notes.md'), 'not an input');
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'seed.txt'), seed);
  writeFileSync(
    join(dir, 'utf16.txt'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(short, 'utf16le')]),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('khabar parse', () => {
  it('prints one valid article per input, in the order given', async () => {
    const { io, stdout, stderr } = memoryIo({ cwd: dir });
    expect(await run(['parse', 'seed.txt', join(dir, 'docs', 'b.txt')], io)).toBe(0);
    const lines = jsonLines(stdout());
    expect(lines.map((line) => line.title)).toEqual([
      'بعد مغادرة كيم أون.. وزير الخارجية الصيني يزور روسيا',
      'خبر قصير',
    ]);
    for (const line of lines) expect(Article.safeParse(line).success).toBe(true);
    expect(stderr()).toBe('');
  });

  it('expands a directory to the files it can read, sorted by name', async () => {
    const { io, stdout } = memoryIo({ cwd: dir });
    expect(await run(['parse', 'docs'], io)).toBe(0);
    expect(jsonLines(stdout()).map((line) => line.title)).toEqual([
      'بعد مغادرة كيم أون.. وزير الخارجية الصيني يزور روسيا',
      'خبر قصير',
    ]);
  });

  it('says so on standard error when the directories given hold no document, and prints nothing', async () => {
    mkdirSync(join(dir, 'nothing'), { recursive: true });
    writeFileSync(join(dir, 'nothing', 'readme.md'), 'not an input');
    const { io, stdout, stderr } = memoryIo({ cwd: dir });
    expect(await run(['parse', 'nothing'], io)).toBe(0);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(/^khabar: parse: no documents in nothing \(/);
  });

  it('reads standard input for -', async () => {
    const { io, stdout } = memoryIo({ stdin: short, cwd: dir });
    expect(await run(['parse', '-'], io)).toBe(0);
    expect(jsonLines(stdout())).toMatchObject([{ title: 'خبر قصير', publishedAt: '2023-09-18T00:00:00' }]);
  });

  it('prints an error line in place of an unreadable or unparsable input, goes on, and exits 1', async () => {
    const { io, stdout } = memoryIo({ cwd: dir });
    expect(await run(['parse', 'missing.txt', 'empty.txt', 'seed.txt'], io)).toBe(1);
    const lines = jsonLines(stdout());
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ file: 'missing.txt', error: { code: 'unreadable_input' } });
    expect(lines[1]).toEqual({
      file: 'empty.txt',
      error: { code: 'empty_input', message: 'The input is empty.' },
    });
    expect(lines[2]?.title).toBe('بعد مغادرة كيم أون.. وزير الخارجية الصيني يزور روسيا');
  });

  it('writes an article larger than its output buffer whole, between the others', async () => {
    const paragraph = 'جملة طويلة في فقرة واحدة. '.repeat(20_000);
    writeFileSync(join(dir, 'long.txt'), `خبر طويل\n${paragraph}\n`);
    const { io, stdout } = memoryIo({ cwd: dir });
    expect(await run(['parse', 'seed.txt', 'long.txt', 'docs/b.txt'], io)).toBe(0);
    const lines = jsonLines(stdout());
    expect(lines.map((line) => line.title)).toEqual([
      'بعد مغادرة كيم أون.. وزير الخارجية الصيني يزور روسيا',
      'خبر طويل',
      'خبر قصير',
    ]);
    expect(lines[1]?.body).toEqual([paragraph.trim()]);
  });

  it('indents the JSON with --pretty', async () => {
    const { io, stdout } = memoryIo({ cwd: dir });
    expect(await run(['parse', '--pretty', 'docs/b.txt'], io)).toBe(0);
    expect(stdout()).toContain('\n  "title": "خبر قصير",\n');
    expect(JSON.parse(stdout()).title).toBe('خبر قصير');
  });

  it('decodes a UTF-16 file by its byte order mark', async () => {
    const { io, stdout } = memoryIo({ cwd: dir });
    expect(await run(['parse', 'utf16.txt'], io)).toBe(0);
    expect(jsonLines(stdout())[0]?.title).toBe('خبر قصير');
  });

  it('passes the reference time and the tag lexicon to the parser', async () => {
    writeFileSync(join(dir, 'relative.txt'), 'حريق محدود\nنشر في: منذ ساعتين\nتمت السيطرة على الحريق.\n');
    writeFileSync(join(dir, 'lexicon.txt'), 'روسيا كوريا الشمالية\n');
    const { io, stdout } = memoryIo({ cwd: dir });
    const args = ['parse', '--reference-time', '2023-09-18T12:00:00Z', '--lexicon', 'lexicon.txt'];
    expect(await run([...args, 'relative.txt', 'seed.txt'], io)).toBe(0);
    const [relative, withLexicon] = jsonLines(stdout());
    expect(relative?.publishedAt).toBe('2023-09-18T10:00:00Z');
    expect(withLexicon?.tags).toEqual(['الصين', 'وزير خارجية الصين', 'روسيا كوريا الشمالية', 'كيم أون']);
  });

  it('prints the same lines in the same order when many files are parsed on worker threads', async () => {
    mkdirSync(join(dir, 'many'));
    const names: string[] = [];
    for (let index = 0; index < 300; index++) {
      const name = join('many', `${String(index).padStart(3, '0')}.txt`);
      // A few files the parser refuses, among dumps that differ in title, date and keywords.
      const text =
        index % 97 === 5
          ? ''
          : `خبر رقم ${index} عن وزارة الصحة\nنشر في: ${1 + (index % 28)}/09/2023\n` +
            `أعلنت وزارة الصحة اليوم عن الخبر رقم ${index} في مدينة جدة.\nكلمات دلالية: وزارة الصحة جدة\n`;
      writeFileSync(join(dir, name), text);
      names.push(name);
    }
    // Standard input and a missing file in the middle keep their places.
    const inputs = [...names.slice(0, 150), '-', 'missing.txt', ...names.slice(150)];
    const all = memoryIo({ cwd: dir, stdin: short });
    const status = await run(['parse', ...inputs], all.io);
    // Below the thread threshold, the same inputs in three runs on this thread.
    const pieces = [inputs.slice(0, 100), inputs.slice(100, 200), inputs.slice(200)].map((part) => {
      const piece = memoryIo({ cwd: dir, stdin: short });
      return run(['parse', ...part], piece.io).then(() => piece.stdout());
    });
    expect(status).toBe(1);
    expect(all.stdout()).toBe((await Promise.all(pieces)).join(''));
    const lines = jsonLines(all.stdout());
    expect(lines).toHaveLength(302);
    expect(lines[150]?.title).toBe('خبر قصير');
    expect(lines[151]).toEqual({
      file: 'missing.txt',
      error: { code: 'unreadable_input', message: 'Cannot read missing.txt (ENOENT).' },
    });
    expect(lines[5]).toMatchObject({ file: join('many', '005.txt'), error: { code: 'empty_input' } });
    expect(lines[299]).toMatchObject({ title: 'خبر رقم 297 عن وزارة الصحة', tags: ['وزارة الصحة', 'جدة'] });
  });

  it('treats a missing input or a bad option as a usage error', async () => {
    for (const args of [
      ['parse'],
      ['parse', '--frobnicate', 'seed.txt'],
      ['parse', '--reference-time', 'soon', 'seed.txt'],
    ]) {
      const { io, stdout, stderr } = memoryIo({ cwd: dir });
      expect(await run(args, io)).toBe(2);
      expect(stdout()).toBe('');
      expect(stderr()).toMatch(/^khabar: parse/);
    }
  });
});
