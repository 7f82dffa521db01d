import { describe, expect, it } from 'vitest';
import { buildArticle } from '../test/build-article.ts';
import { StoryMemory } from './core/story-writes.ts';
import { openDatabase } from './sqlite/connection.ts';
import { migrateSqlite } from './sqlite/migrations.ts';
import { sqliteWrites } from './sqlite/writes.ts';
import { HOSPITAL, OTHER_HOSPITAL } from './stories/test-articles.ts';

const gate = { lockWaitMs: 1000, cancelled: () => false, claimCommit: () => true };
const hospital = (title: string, publishedAt: string) => buildArticle({ title, publishedAt, body: HOSPITAL });

describe('deferred stories settled by the write that reaches the limit', () => {
  it('files the deferred articles and the write’s own, new and updated, in one pass: each finds the others', () => {
    const db = openDatabase(':memory:', { busyTimeoutMs: 1000, pageCacheMiB: 4 });
    try {
      migrateSqlite(db);
      const memory = new StoryMemory({ deferLimit: 3 });
      const writes = sqliteWrites(db, true, memory);
      // Filed at once, with a body of its own; later rewritten to the story the others tell.
      const heart = buildArticle({
        title: 'مركز لأمراض القلب',
        publishedAt: '2024-03-01T09:00:00',
        body: OTHER_HOSPITAL,
      });
      writes.upsertMany([heart], gate);
      const first = hospital('مستشفى جديد في تبوك', '2024-03-01T08:00:00');
      const second = hospital('افتتاح مستشفى تبوك', '2024-03-01T10:00:00');
      writes.upsertMany([first], gate, undefined, true);
      writes.upsertMany([second], gate, undefined, true);
      expect(memory.deferred.size).toBe(2);
      const third = hospital('تبوك تستقبل مستشفى', '2024-03-01T12:00:00');
      const rewritten = {
        ...heart,
        body: HOSPITAL,
        provenance: { ...heart.provenance, contentHash: 'c'.repeat(64) },
      };
      // The third new article would make three waiting: this write settles them all, with its update.
      writes.upsertMany([third, rewritten], gate, undefined, true);
      expect(memory.deferred.size).toBe(0);
      const stories = db
        .prepare(
          `SELECT s.story_id, group_concat(a.id) AS ids, count(*) AS size FROM article_stories AS s
           JOIN articles AS a ON a.seq = s.article_seq GROUP BY s.story_id`,
        )
        .all() as { story_id: string; size: number }[];
      expect(stories).toEqual([expect.objectContaining({ story_id: first.id, size: 4 })]);
    } finally {
      db.close();
    }
  });
});
