import { describe, expect, it } from 'vitest';
import { readByline } from './byline.ts';

const byline = (text: string) => {
  const found = readByline(text);
  return found === null ? null : text.slice(found.start, found.end);
};

describe('readByline', () => {
  it('reads a writer named after a verb with no colon', () => {
    expect(byline('كتبت سارة محمود')).toBe('سارة محمود');
    expect(byline('كتب محمد علي')).toBe('محمد علي');
    expect(byline('بقلم عبدالله الأحمد')).toBe('عبدالله الأحمد');
  });

  it('does not take a sentence opened by the same verb', () => {
    expect(byline('كتب الرئيس في تغريدة')).toBeNull();
    expect(byline('كتب أن الاجتماع تأجل')).toBeNull();
    expect(byline('كتب سارة محمود وخالد علي ومنى سالم')).toBeNull();
  });

  it('keeps the prefixed and dashed forms', () => {
    expect(byline('كتب: سلوى المدني – عين اليوم')).toBe('سلوى المدني – عين اليوم');
    expect(byline('داليا أبوالعيش – عين اليوم')).toBe('داليا أبوالعيش – عين اليوم');
  });
});
