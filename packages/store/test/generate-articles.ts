import { seededRandom } from '@khabar/devkit';
import type { Article } from '@khabar/schema';
import { buildArticle } from './build-article.ts';

// A small vocabulary of everyday news words, enough to make distinct titles and bodies.
const WORDS = [
  'الحكومة',
  'الوزارة',
  'المدينة',
  'المشروع',
  'الطلاب',
  'المستشفى',
  'الطريق',
  'السوق',
  'الشركة',
  'الملعب',
  'الجامعة',
  'المطار',
  'الميناء',
  'المعرض',
  'المجلس',
  'الفريق',
  'المدرسة',
  'البلدية',
  'المتحف',
  'الحديقة',
  'تعلن',
  'تفتتح',
  'تطلق',
  'تناقش',
  'توقع',
  'تستقبل',
  'تنظم',
  'تدعم',
  'تطور',
  'تراجع',
  'جديد',
  'كبير',
  'سنوي',
  'وطني',
  'دولي',
  'محلي',
  'رقمي',
  'عاجل',
  'موسمي',
  'شامل',
];
const AGENCIES = ['واس', 'رويترز', 'فرانس برس', null];
const PUBLISHERS = ['صحيفة الغد', 'الثقافية', 'الرياضي اليوم', null];
const TAGS = ['الاقتصاد', 'الصحة', 'التعليم', 'الرياضة', 'الثقافة', 'النقل'];

/**
 * `count` distinct articles: every tenth undated, dates repeating so that ties on the date are common,
 * some with a zone; sources and tags drawn from short lists so that filters select real subsets.
 */
export function generateArticles(count: number, seed = 1, paragraphs = 3): Article[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const sentence = (length: number) => Array.from({ length }, () => pick(WORDS)).join(' ');
  return Array.from({ length: count }, (_, index) => {
    const day = String(1 + (index % 9)).padStart(2, '0');
    const hour = String(index % 3).padStart(2, '0');
    const zone = index % 4 === 0 ? '+03:00' : '';
    return buildArticle({
      title: `${sentence(4)} ${index + 1}`,
      publishedAt: index % 10 === 9 ? null : `2024-03-${day}T${hour}:00:00${zone}`,
      body: Array.from({ length: paragraphs }, () => `${sentence(25)}.`),
      tags: [...new Set([pick(TAGS), pick(TAGS)])],
      agency: pick(AGENCIES),
      publisher: pick(PUBLISHERS),
    });
  });
}
