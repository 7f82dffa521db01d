/**
 * The vocabulary of site chrome, in matching form (normalized, lower-cased): what share, follow and
 * subscribe prompts and ad placeholders are made of. `chrome.ts` holds the rule that combines them.
 */

/** Whole lines that are chrome by themselves: print, comment and "more" links. */
export const CHROME_PHRASES: ReadonlySet<string> = new Set([
  'طباعه',
  'اطبع',
  'نسخ الرابط',
  'انسخ الرابط',
  'ارسل لصديق',
  'ارسال لصديق',
  'اضف تعليق',
  'اضف تعليقك',
  'التعليقات',
  'تعليقات',
  'المزيد',
  'اقرا المزيد',
  'اضغط هنا',
  'print',
  'read more',
]);

/** Verbs and verbal nouns that open a share, follow, subscribe or download prompt. */
export const ACTIONS: ReadonlySet<string> = new Set([
  ...['شارك', 'شاركها', 'شاركه', 'شاركوا', 'شاركي', 'شاركونا', 'مشاركه', 'لمشاركه', 'للمشاركه'],
  ...['انشر', 'انشرها', 'انشره', 'انشروا'],
  ...['تابع', 'تابعنا', 'تابعونا', 'تابعوا', 'تابعي', 'تابعينا', 'لمتابعه', 'للمتابعه'],
  ...['انضم', 'انضموا', 'انضمي', 'للانضمام', 'اشترك', 'اشتركوا', 'اشتركي', 'اشتراك', 'للاشتراك'],
  ...['حمل', 'حملوا', 'حملي', 'نزل', 'نزلوا', 'تحميل', 'لتحميل', 'للتحميل', 'تنزيل', 'ارسل'],
  ...['اضغط', 'انقر', 'share', 'follow', 'join', 'subscribe', 'download', 'tweet', 'click'],
]);

/** Social networks, messengers and news apps, in their usual Arabic and Latin spellings. */
export const PLATFORMS: ReadonlySet<string> = new Set([
  ...['فيسبوك', 'فيس', 'بوك', 'تويتر', 'اكس', 'ثريدز', 'يوتيوب', 'يوتيوبنا'],
  ...['انستغرام', 'انستجرام', 'انستقرام', 'انستاغرام', 'انستاجرام', 'انستا'],
  ...['تيليجرام', 'تليجرام', 'تلغرام', 'تيلغرام', 'تلجرام', 'تيليغرام', 'واتساب', 'واتس'],
  ...['سناب', 'شات', 'سنابشات', 'تيك', 'توك', 'تيكتوك', 'لينكدان', 'لينكد'],
  ...['جوجل', 'غوغل', 'قوقل', 'نيوز', 'بودكاست', 'ساوند', 'كلاود', 'ايميل'],
  ...['facebook', 'twitter', 'x', 'threads', 'instagram', 'youtube', 'telegram', 'whatsapp'],
  ...['snapchat', 'tiktok', 'linkedin', 'google', 'news', 'email', 'rss'],
]);

/** An app to download or follow through (`حمّل تطبيق عين اليوم`): named like a platform. */
export const APPS: ReadonlySet<string> = new Set(['تطبيق', 'التطبيق', 'تطبيقنا', 'app']);

/** Words that name an ad or paid content. */
export const AD_WORDS: ReadonlySet<string> = new Set([
  ...['اعلان', 'اعلانات', 'اعلاني', 'اعلانيه', 'للاعلان', 'الاعلان', 'الاعلانات', 'ممول', 'مموله'],
  ...['مدفوع', 'مدفوعه', 'برعايه', 'ترويجي', 'ترويجيه'],
  ...['advertisement', 'advertising', 'ad', 'ads', 'sponsored', 'promoted'],
]);

/**
 * The rest of a prompt or placeholder: where to follow, what to share, whose account, and the
 * prepositions between them. None of them makes a line chrome alone. The second halves of two-word
 * names (واتس اب, لينكد ان) are here, not among the platforms: alone they are آب and أن.
 */
export const CHROME_FILLER: ReadonlySet<string> = new Set([
  ...['علي', 'عبر', 'في', 'من', 'مع', 'الي', 'خلال', 'هنا', 'الان', 'هذا', 'هذه', 'و', 'او', 'ل', 'كل'],
  ...['الخبر', 'المقال', 'الموضوع', 'الصفحه', 'الرابط', 'الفيديو', 'برايك', 'رايك', 'اصدقائك'],
  ...['حسابنا', 'حساباتنا', 'حساب', 'قناتنا', 'قناه', 'صفحتنا', 'صفحه', 'موقعنا', 'منصه', 'منصات'],
  ...['نشرتنا', 'النشره', 'البريديه', 'الاخباريه', 'اخبارنا', 'اخر'],
  ...['الاخبار', 'العاجله', 'ليصلك', 'جديد', 'شبكات', 'مواقع', 'التواصل', 'الاجتماعي', 'مجانا'],
  ...['مساحه', 'محتوي', 'المحتوي', 'رعايه', 'البريد', 'الالكتروني', 'اب', 'ان'],
  ...['on', 'us', 'via', 'with', 'this', 'the', 'article', 'story', 'now', 'our', 'newsletter'],
  ...['to', 'and', 'page', 'link', 'here', 'content', 'paid'],
]);
