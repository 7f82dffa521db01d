import type { SearchHit, StoryMember } from '@khabar/schema';
import { describe, expect, it } from 'vitest';
import {
  alsoInText,
  otherMembers,
  outletName,
  outletNames,
  ranFirst,
  storyCredits,
  storyDescription,
  storyReach,
} from './stories.ts';

const member = (
  id: string,
  source: StoryMember['source'],
  publishedAt: string | null = '2024-03-11T10:30:00',
): StoryMember => ({
  id: id.padStart(16, '0'),
  slug: `خبر-${id}`,
  title: `عنوان ${id}`,
  publishedAt,
  source,
});

const ahram = { agency: 'رويترز', publisher: 'الأهرام' };
const shorouk = { agency: null, publisher: 'الشروق' };
const reuters = { agency: 'رويترز', publisher: null };
const uncredited = { agency: null, publisher: null };

function hit(
  source: StoryMember['source'],
  size: number,
  alsoIn: StoryMember[],
): Pick<SearchHit, 'article' | 'story' | 'alsoIn'> {
  const article = member('1', source);
  return {
    article: { ...article, excerpt: '', tags: [], wordCount: 1 },
    story: { id: article.id, size, firstPublishedAt: article.publishedAt },
    alsoIn,
  };
}

describe('outlets', () => {
  it('name the publisher, else the agency, and nothing for an uncredited article', () => {
    expect(outletName(ahram)).toBe('الأهرام');
    expect(outletName(reuters)).toBe('رويترز');
    expect(outletName(uncredited)).toBeNull();
    expect(outletNames([ahram, reuters, shorouk, ahram, uncredited])).toEqual([
      'الأهرام',
      'رويترز',
      'الشروق',
    ]);
  });

  it('split a story’s credits into agencies and publishers, each once', () => {
    expect(storyCredits([ahram, reuters, shorouk, uncredited])).toEqual({
      agencies: ['رويترز'],
      publishers: ['الأهرام', 'الشروق'],
    });
  });
});

describe('ranFirst', () => {
  it('marks every article published at the story’s first time, and none of an undated story', () => {
    const story = { firstPublishedAt: '2024-03-11T10:30:00' };
    expect(ranFirst({ publishedAt: '2024-03-11T10:30:00' }, story)).toBe(true);
    expect(ranFirst({ publishedAt: '2024-03-11T14:00:00' }, story)).toBe(false);
    expect(ranFirst({ publishedAt: null }, { firstPublishedAt: null })).toBe(false);
  });
});

describe('otherMembers', () => {
  it('leaves out the article the page shows and keeps the story’s order', () => {
    const members = [member('1', ahram), member('2', shorouk), member('3', reuters)];
    expect(otherMembers(members, member('2', shorouk).id).map((item) => item.id)).toEqual([
      member('1', ahram).id,
      member('3', reuters).id,
    ]);
  });
});

describe('alsoInText', () => {
  it('says nothing for a story of one', () => {
    expect(alsoInText(hit(ahram, 1, []))).toBeNull();
  });

  it('counts the other outlets, not the hit’s own, with the noun agreeing', () => {
    expect(alsoInText(hit(ahram, 2, [member('2', shorouk)]))).toBe('ونُشر أيضًا في مصدر آخر');
    expect(alsoInText(hit(ahram, 4, [member('2', shorouk), member('3', reuters), member('4', ahram)]))).toBe(
      'ونُشر أيضًا في مصدرين آخرين',
    );
    const eleven = Array.from({ length: 11 }, (_, index) =>
      member(String(index + 2), { agency: null, publisher: `صحيفة ${index}` }),
    );
    expect(alsoInText(hit(ahram, 12, eleven))).toBe('ونُشر أيضًا في 11 مصدرًا آخر');
  });

  it('says the count is a lower bound when the API named only some of the other articles', () => {
    const named = [
      member('2', shorouk),
      member('3', reuters),
      member('4', { agency: null, publisher: 'الوطن' }),
    ];
    expect(alsoInText(hit(ahram, 30, named))).toBe('ونُشر أيضًا في 3 مصادر أخرى على الأقل');
  });

  it('counts articles when no other article names an outlet of its own', () => {
    expect(alsoInText(hit(ahram, 2, [member('2', ahram)]))).toBe('وللخبر نفسه مقال آخر');
    expect(alsoInText(hit(uncredited, 3, [member('2', uncredited), member('3', uncredited)]))).toBe(
      'وللخبر نفسه مقالان آخران',
    );
  });
});

describe('story phrases', () => {
  const story = {
    size: 3,
    outlets: [ahram, shorouk, reuters],
    earliest: member('1', ahram),
  };

  it('say how far a story went, by outlets, else by articles', () => {
    expect(storyReach(story)).toBe('نشره 3 مصادر');
    expect(storyReach({ size: 2, outlets: [ahram, shorouk] })).toBe('نشره مصدران');
    expect(storyReach({ size: 2, outlets: [uncredited] })).toBe('مقالان');
  });

  it('describe a story by its title, its reach and who ran it first, when', () => {
    expect(storyDescription(story)).toBe('عنوان 1: نشره 3 مصادر، أول من نشره الأهرام في 11 مارس 2024.');
    expect(storyDescription({ ...story, earliest: member('1', uncredited, null) })).toBe(
      'عنوان 1: نشره 3 مصادر.',
    );
    expect(storyDescription({ ...story, earliest: member('1', reuters, null) })).toBe(
      'عنوان 1: نشره 3 مصادر، أول من نشره رويترز.',
    );
  });
});
