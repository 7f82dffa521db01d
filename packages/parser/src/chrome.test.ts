import { describe, expect, it } from 'vitest';
import { isChrome } from './chrome.ts';

describe('isChrome', () => {
  it.each([
    'شارك',
    'مساحة إعلانية',
    'مساحة اعلانية',
    'إعلان',
    '- إعلان -',
    'شارك الخبر',
    'شارك على فيسبوك',
    'تابعونا على تويتر',
    'تابعوا آخر الأخبار عبر قناتنا على تلغرام',
    'Advertisement',
    'Share on Facebook',
    'فيسبوك تويتر واتساب',
    'طباعة',
  ])('drops %s', (text) => {
    expect(isChrome(text)).toBe(true);
  });

  it.each([
    'شارك في المؤتمر وزير الخارجية',
    'تابع الرئيس الاجتماع من مقر الحكومة في الرياض أمس',
    'إعلان نتائج القبول في الجامعات السعودية',
    'فيسبوك',
    'المصدر | فرانس برس',
  ])('keeps %s', (text) => {
    expect(isChrome(text)).toBe(false);
  });
});
