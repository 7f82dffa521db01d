import { foldWords } from './fold.ts';

/**
 * Site chrome left in a scraped page: share and follow prompts, ad placeholders, print and comment
 * links. Matched on normalized words, so spelling variants (إعلان/اعلان, مساحة/مساحه) are one form.
 */

// Chrome is a few words; a longer line is text even when it starts like a prompt.
const MAX_LENGTH = 60;
const MAX_WORDS = 8;

/** Whole lines that are chrome by themselves (normalized, lower-cased). */
const PHRASES = new Set([
  'شارك',
  'شاركها',
  'شارك الخبر',
  'شارك المقال',
  'شارك هذا الخبر',
  'شارك هذا المقال',
  'شارك الموضوع',
  'مشاركه',
  'مشاركه الخبر',
  'اعلان',
  'اعلانات',
  'مساحه اعلانيه',
  'مساحه للاعلان',
  'مساحه اعلان',
  'محتوي مدفوع',
  'محتوي برعايه',
  'طباعه',
  'اطبع',
  'نسخ الرابط',
  'ارسل لصديق',
  'ارسال لصديق',
  'اضف تعليق',
  'اضف تعليقك',
  'التعليقات',
  'تعليقات',
  'المزيد',
  'اقرا المزيد',
  'اضغط هنا',
  'advertisement',
  'advertising',
  'ad',
  'ads',
  'sponsored',
  'share',
  'share this',
  'tweet',
  'print',
  'read more',
]);

/** Words that open a share, follow or subscribe prompt. */
const PROMPTS = new Set([
  'شارك',
  'شاركوا',
  'شاركي',
  'تابع',
  'تابعنا',
  'تابعونا',
  'تابعوا',
  'تابعي',
  'انضم',
  'انضموا',
  'اشترك',
  'اشتركوا',
  'حمل',
  'حملوا',
  'تحميل',
  'share',
  'follow',
  'join',
  'subscribe',
  'download',
  'اضغط',
  'انقر',
]);

/** Words a prompt may go on with: where to follow, what to share. */
const PROMPT_WORDS = new Set([
  ...PROMPTS,
  'هنا',
  'للاشتراك',
  'للمتابعه',
  'للمزيد',
  'علي',
  'عبر',
  'في',
  'من',
  'مع',
  'الي',
  'خلال',
  'الان',
  'هذا',
  'هذه',
  'الخبر',
  'المقال',
  'الموضوع',
  'اصدقائك',
  'حسابنا',
  'حساباتنا',
  'قناتنا',
  'صفحتنا',
  'موقعنا',
  'تطبيقنا',
  'التطبيق',
  'نشرتنا',
  'النشره',
  'البريديه',
  'الاخباريه',
  'اخبارنا',
  'اخر',
  'الاخبار',
  'العاجله',
  'ليصلك',
  'كل',
  'جديد',
  'شبكات',
  'مواقع',
  'التواصل',
  'الاجتماعي',
  'on',
  'us',
  'via',
  'with',
  'this',
  'the',
  'article',
  'story',
  'now',
  'our',
  'app',
  'newsletter',
]);

/** Social networks and messengers, in their usual Arabic and Latin spellings. */
const NETWORKS = new Set([
  'فيسبوك',
  'فيس',
  'بوك',
  'تويتر',
  'اكس',
  'انستغرام',
  'انستجرام',
  'انستقرام',
  'يوتيوب',
  'تيليجرام',
  'تليجرام',
  'تلغرام',
  'تيلغرام',
  'واتساب',
  'واتس',
  'اب',
  'سناب',
  'شات',
  'سناب شات',
  'تيك',
  'توك',
  'تيك توك',
  'لينكدان',
  'لينكد',
  'ان',
  'جوجل',
  'نيوز',
  'facebook',
  'twitter',
  'x',
  'instagram',
  'youtube',
  'telegram',
  'whatsapp',
  'snapchat',
  'tiktok',
  'linkedin',
  'google',
  'news',
  'email',
  'ايميل',
  'البريد',
  'الالكتروني',
]);

/** Every word a chrome line can start with. */
const FIRST_WORDS = new Set([
  ...[...PHRASES].map((phrase) => phrase.split(' ')[0] as string),
  ...PROMPTS,
  ...NETWORKS,
]);
const LEADING_WORD = /[\p{L}\p{N}][^\s]*/u;

function firstWord(text: string): string {
  return LEADING_WORD.exec(text)?.[0] ?? '';
}

/** Whether a cleaned line is site chrome. */
export function isChrome(text: string): boolean {
  if (text.length > MAX_LENGTH || spaces(text) >= MAX_WORDS) return false;
  // Most short lines are names and headlines: their first word already rules them out.
  const first = foldWords(firstWord(text))[0];
  if (first === undefined || !FIRST_WORDS.has(first)) return false;
  const words = foldWords(text);
  if (words.length === 0 || words.length > MAX_WORDS) return false;
  if (PHRASES.has(words.join(' '))) return true;
  if (PROMPTS.has(words[0] as string)) {
    return words.every((word) => PROMPT_WORDS.has(word) || NETWORKS.has(word));
  }
  return words.every((word) => NETWORKS.has(word)) && words.length > 1;
}

function spaces(text: string): number {
  let count = 0;
  for (let index = text.indexOf(' '); index >= 0; index = text.indexOf(' ', index + 1)) count++;
  return count;
}
