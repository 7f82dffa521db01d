import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight.ts';

describe('highlightSegments', () => {
  it('marks the matched words, counting ranges in the field text rather than the fragment', () => {
    // The fragment starts at 10 in its paragraph; «روسيا» sits at 10+5.
    const text = 'زيارة روسيا بين 18 و21';
    const start = 10;
    const matchStart = start + text.indexOf('روسيا');
    const segments = highlightSegments({
      start,
      text,
      matches: [{ start: matchStart, end: matchStart + 5 }],
    });
    expect(segments).toEqual([
      { text: 'زيارة ', marked: false },
      { text: 'روسيا', marked: true },
      { text: ' بين 18 و21', marked: false },
    ]);
  });

  it('sorts, merges overlapping ranges and joins adjacent ones', () => {
    const text = 'abcdefghij';
    const segments = highlightSegments({
      start: 0,
      text,
      matches: [
        { start: 6, end: 8 },
        { start: 1, end: 3 },
        { start: 2, end: 4 },
        { start: 8, end: 9 },
      ],
    });
    expect(segments).toEqual([
      { text: 'a', marked: false },
      { text: 'bcd', marked: true },
      { text: 'ef', marked: false },
      { text: 'ghi', marked: true },
      { text: 'j', marked: false },
    ]);
  });

  it('clips ranges to the fragment and ignores those outside it', () => {
    const segments = highlightSegments({
      start: 100,
      text: 'الصين وروسيا',
      matches: [
        { start: 90, end: 102 },
        { start: 300, end: 305 },
        { start: 110, end: 150 },
      ],
    });
    expect(segments).toEqual([
      { text: 'ال', marked: true },
      { text: 'صين وروس', marked: false },
      { text: 'يا', marked: true },
    ]);
  });

  it('keeps every character of the fragment, in order', () => {
    const text = '<script>alert(1)</script> نص';
    const segments = highlightSegments({ start: 0, text, matches: [{ start: 1, end: 7 }] });
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
  });
});
