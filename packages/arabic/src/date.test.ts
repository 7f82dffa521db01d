import { describe, expect, it } from 'vitest';
import { type FoundDate, parseDate, toIsoString } from './date.ts';

function found(text: string): FoundDate {
  const result = parseDate(text);
  if (result === null || result.relative) throw new Error(`no absolute date in ${JSON.stringify(text)}`);
  return result;
}

/** The ISO string and the part of the text the date covers. */
function read(text: string): [string, string] {
  const date = found(text);
  return [date.iso, text.slice(date.start, date.end)];
}

describe('parseDate: the forms of the date line', () => {
  it.each([
    ['18th, September 2023 GMT', '2023-09-18T00:00:00Z'],
    ['18 September 2023', '2023-09-18T00:00:00'],
    ['September 18, 2023', '2023-09-18T00:00:00'],
    ['Sep 18, 2023', '2023-09-18T00:00:00'],
    ['18 سبتمبر 2023', '2023-09-18T00:00:00'],
    ['18/09/2023', '2023-09-18T00:00:00'],
    ['18-09-2023', '2023-09-18T00:00:00'],
    ['18.09.2023', '2023-09-18T00:00:00'],
    ['2023-09-18', '2023-09-18T00:00:00'],
    ['2023-09-18 14:05', '2023-09-18T14:05:00'],
    ['2023-09-18T14:05:00Z', '2023-09-18T14:05:00Z'],
    ['الإثنين 18 سبتمبر 2023 - 10:30 ص', '2023-09-18T10:30:00'],
    ['الأربعاء 13 يونيو 2018 - 4:13 م', '2018-06-13T16:13:00'],
    ['18 سبتمبر/أيلول 2023', '2023-09-18T00:00:00'],
    ['18 أيلول (سبتمبر) 2023', '2023-09-18T00:00:00'],
  ])('%s', (text, iso) => {
    expect(read(text)).toEqual([iso, text]);
  });
});

describe('toIsoString', () => {
  it('pads every field and appends the zone only when there is one', () => {
    const parts = { year: 987, month: 3, day: 4, hour: 5, minute: 6, second: null, zone: null };
    expect(toIsoString(parts)).toBe('0987-03-04T05:06:00');
    expect(toIsoString({ ...parts, hour: null, minute: null, zone: '+03:00' })).toBe(
      '0987-03-04T00:00:00+03:00',
    );
  });
});
