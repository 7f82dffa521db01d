import { describe, expect, it } from 'vitest';
import { isDateLine } from './dateline-text.ts';

describe('isDateLine', () => {
  it('takes short lines made of a date or a time', () => {
    expect(isDateLine('GMT 17:27 17.03.2020')).toBe(true);
    expect(isDateLine('الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)')).toBe(true);
    expect(isDateLine('نشر في 2024-05-12')).toBe(true);
    expect(isDateLine('Updated November 19, 2019')).toBe(true);
  });

  it('leaves prose alone, even with a date in it', () => {
    expect(isDateLine('وعقد الاجتماع في 12/05/2024 بحضور الوزير.')).toBe(false);
    expect(isDateLine('The meeting starts at 10:30 on Friday.')).toBe(false);
    expect(
      isDateLine(
        'وقال الوزير إن الخطة التي أعلنت عام 2019 ما زالت تنتظر التمويل من الموازنة العامة للدولة حتى الآن',
      ),
    ).toBe(false);
    expect(isDateLine('منتخب الشباب يتأهل إلى النهائي')).toBe(false);
  });
});
