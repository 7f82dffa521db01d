import { describe, expect, it } from 'vitest';
import { readAlsoMarker } from './read-also.ts';

describe('readAlsoMarker', () => {
  it.each([
    'اقرأ أيضاً',
    'اقرأ أيضا',
    'إقرأ أيضاً',
    'اقرأ أيضًا',
    'اقرأ ايضاً',
    'اقرأ كذلك',
    'إقرأ ايضا',
    'اِقْرَأْ أَيْضًا',
    'اقـرأ أيضـاً',
    '• اقرأ أيضاً',
  ])('reads %s alone as a marker without colon', (text) => {
    expect(readAlsoMarker(text)).toEqual({ kind: 'marker', colon: false });
  });

  it.each(['إقرأ أيضاً:', 'اقرأ أيضا :', 'اقرأ كذلك：'])('reads %s as a marker with its colon', (text) => {
    expect(readAlsoMarker(text)).toEqual({ kind: 'marker', colon: true });
  });

  it('finds the headline after a colon (keeping the dots it opens with), a dash or an ellipsis', () => {
    for (const [text, headline] of [
      ['اقرأ أيضاً: الراشد يدعم خزينة الفتح', 'الراشد يدعم خزينة الفتح'],
      ['إقرأ أيضا - مطار الملك خالد يرحب بضيوفه', 'مطار الملك خالد يرحب بضيوفه'],
      ['اقرأ أيضًا… عوالق ترابية في تبوك', 'عوالق ترابية في تبوك'],
      ['اقرأ أيضاً >> حملة للتشجير في أبها', 'حملة للتشجير في أبها'],
      ['اقرأ أيضاً:.. وإغلاق عدد من المحلات في أبها', '.. وإغلاق عدد من المحلات في أبها'],
      ['اقرأ كذلك : … ومطار جديد في تبوك', '… ومطار جديد في تبوك'],
      ['اقرأ أيضاً.. مطار جديد في تبوك', 'مطار جديد في تبوك'],
    ] as const) {
      const marker = readAlsoMarker(text);
      expect(marker?.kind).toBe('inline');
      if (marker?.kind === 'inline') expect(text.slice(marker.headlineStart)).toBe(headline);
    }
  });

  it('leaves sentences that only start like a marker, and other lines, alone', () => {
    expect(readAlsoMarker('اقرأ أيضا ما كتبه الزميل عن الموضوع في عدد الأمس.')).toBeNull();
    expect(readAlsoMarker('اقرأوا الكتاب')).toBeNull();
    expect(readAlsoMarker('المصدر: الخليج الجديد')).toBeNull();
    expect(readAlsoMarker('أيضاً اقرأ')).toBeNull();
  });
});
