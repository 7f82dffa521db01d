import { describe, expect, it } from 'vitest';
import { DEFER_LIMIT, deferStories, type StoryInput, StoryMemory, storyWork } from './story-writes.ts';

const input = (seq: number): StoryInput => ({
  seq,
  id: `article-${seq}`,
  publishedAt: null,
  sortAt: '',
  sketch: {
    shingles: new Uint32Array(0),
    sentenceEnds: new Uint32Array(0),
    sentenceShingles: new Uint16Array(0),
  },
  hash: seq,
  bands: [],
});

describe('deferred stories', () => {
  it('puts the new articles of a write aside, files the updated ones at once, and keeps them only once it commits', () => {
    const memory = new StoryMemory();
    const work = storyWork();
    // Articles 1 to 10 were stored before the write; 11 and 12 are new.
    const now = deferStories(memory, work, [input(4), input(11), input(12)], 10);
    expect(now.map((item) => item.seq)).toEqual([4]);
    expect(work.deferred.map((item) => item.seq)).toEqual([11, 12]);
    expect(memory.deferred.size).toBe(0);
    memory.committed(work);
    expect([...memory.deferred.keys()]).toEqual([11, 12]);
    // A committed write that deleted one takes it out.
    const deleting = storyWork();
    deleting.undeferred.push(11);
    memory.committed(deleting);
    expect([...memory.deferred.keys()]).toEqual([12]);
  });

  it('hands the new articles to be settled with the rest once the deferred would reach the limit', () => {
    const memory = new StoryMemory();
    for (let seq = 1; seq < DEFER_LIMIT; seq++) memory.deferred.set(seq, input(seq));
    const full = storyWork();
    expect(deferStories(memory, full, [input(DEFER_LIMIT + 1)], DEFER_LIMIT)).toEqual([]);
    expect(full.settling.map((item) => item.seq)).toEqual([DEFER_LIMIT + 1]);
    expect(full.deferred).toEqual([]);
    memory.deferred.delete(1);
    const room = storyWork();
    deferStories(memory, room, [input(DEFER_LIMIT + 1)], DEFER_LIMIT);
    expect(room.settling).toEqual([]);
    expect(room.deferred.map((item) => item.seq)).toEqual([DEFER_LIMIT + 1]);
  });
});
