import type { Article } from '@khabar/schema';
import { parsed } from './documents.ts';

/*
 * One news story as several outlets ran it: a solar plant opening, each copy with its own title,
 * credits, tags and date (a day apart), its sentences dropped, reordered or reworded here and there.
 * A second, unrelated story ran in two outlets. Their dates are later than every other test article,
 * so they lead the listings.
 */

const solar = {
  opening:
    'افتتحت وزارة الطاقة أمس محطة جديدة للطاقة الشمسية في منطقة الجوف بقدرة تبلغ ألفا وخمسمائة ميغاواط لتكون الأكبر من نوعها في المنطقة.',
  minister:
    'وقال وزير الطاقة في كلمة خلال حفل الافتتاح إن المحطة ستزود أكثر من مئتي ألف منزل بالكهرباء النظيفة على مدار العام.',
  area: 'وتمتد المحطة على مساحة ثلاثين كيلومترا مربعا وتضم ما يزيد على ثلاثة ملايين لوح شمسي صنع جزء كبير منها في مصانع محلية.',
  builder:
    'وأوضح الوزير أن المشروع نفذته شركة وطنية بالشراكة مع تحالف دولي خلال ثمانية عشر شهرا بتكلفة بلغت نحو أربعة مليارات ريال.',
  carbon:
    'ومن المتوقع أن تسهم المحطة في خفض انبعاثات الكربون بنحو مليوني طن سنويا وفق تقديرات الهيئة العامة للأرصاد وحماية البيئة.',
  jobs: 'وأشار مسؤولون في الشركة المشغلة إلى أن المحطة وفرت ألفا ومئتي فرصة عمل خلال مرحلة البناء وستوظف مئات المهندسين في مرحلة التشغيل.',
  programme:
    'وتأتي المحطة ضمن برنامج وطني يهدف إلى رفع حصة مصادر الطاقة المتجددة في مزيج الكهرباء إلى النصف بحلول نهاية العقد الحالي.',
};

const metro = [
  'دشنت هيئة النقل العام صباح اليوم الخط الأول من قطار المترو في مدينة الدمام بطول خمسة وعشرين كيلومترا وعشر محطات.',
  'وذكرت الهيئة في بيان أن القطارات ستعمل من السادسة صباحا حتى منتصف الليل بمعدل رحلة كل خمس دقائق في أوقات الذروة.',
  'وتبلغ الطاقة الاستيعابية للخط نحو مئة وخمسين ألف راكب يوميا مع إمكانية زيادتها عند اكتمال المرحلة الثانية من المشروع.',
  'وأضافت أن أسعار التذاكر ستكون مخفضة خلال الشهر الأول لتشجيع السكان على استخدام وسائل النقل العام بدلا من السيارات الخاصة.',
  'ويرتبط الخط الجديد بمحطة الحافلات المركزية والمطار عبر ممرات مشاة مكيفة ومواقف واسعة للسيارات عند المحطات الطرفية.',
  'وتعمل الهيئة على تصميم خطين إضافيين يربطان الدمام بمدينتي الخبر والظهران ضمن خطة النقل الشاملة للمنطقة الشرقية.',
];

function document(title: string, date: string, body: string[], credits: string, tags: string): string {
  return `${[title, `تاريخ النشر: ${date}`, ...body, credits, `كلمات دلالية: ${tags}`].join('\n')}\n`;
}

/** The solar story as its first outlet ran it: a wire story in a daily. */
export const solarFirst = document(
  'افتتاح أكبر محطة للطاقة الشمسية في الجوف',
  '2031-05-10',
  Object.values(solar),
  'المصدر | واسالمصدر: صحيفة الرياض',
  'الطاقة',
);

/** A day later from another agency and paper: a new title and dateline, one sentence dropped, words changed. */
export const solarSecond = document(
  'الجوف تستقبل محطة شمسية بقدرة ألف وخمسمائة ميغاواط',
  '2031-05-11',
  [
    `الجوف - رويترز: ${solar.opening.replace('افتتحت', 'دشنت').replace('أمس', 'يوم الأحد')}`,
    solar.minister.replace('أكثر من', 'ما يزيد على'),
    solar.area,
    solar.builder.replace('نحو', 'قرابة'),
    solar.carbon,
    solar.programme,
  ],
  'المصدر | رويترزالمصدر: صحيفة المدينة',
  'الكهرباء',
);

/** Two days later, one paper's own rewrite: two sentences swapped, the last dropped, a word changed. */
export const solarThird = document(
  'محطة الجوف الشمسية تدخل الخدمة',
  '2031-05-12',
  [
    solar.opening,
    solar.minister,
    solar.builder,
    solar.area.replace('تمتد', 'تنتشر'),
    solar.carbon,
    solar.jobs,
  ],
  'المصدر: صحيفة الخليج',
  'البيئة',
);

/** A fourth outlet's copy, three days after the first: what a later write adds to the story. */
export const solarFourth = document(
  'المحطة الشمسية الجديدة في الجوف تبدأ الإنتاج',
  '2031-05-13',
  [solar.opening, solar.minister, solar.area, solar.builder.replace('وطنية', 'سعودية'), solar.carbon],
  'المصدر: صحيفة الشرق',
  'الطاقة',
);

/** Another story, a month earlier, in two outlets. */
export const metroFirst = document(
  'تدشين الخط الأول لمترو الدمام',
  '2031-04-01',
  metro,
  'المصدر | واسالمصدر: صحيفة اليوم',
  'النقل',
);

export const metroSecond = document(
  'مترو الدمام ينطلق بعشر محطات',
  '2031-04-02',
  [...metro.slice(0, 4), metro[5] ?? ''].map((sentence) => sentence.replace('الهيئة', 'هيئة النقل')),
  'المصدر: صحيفة الشرق',
  'النقل',
);

export interface StoryArticles {
  /** The solar story's three copies, earliest first. */
  solar: [Article, Article, Article];
  /** The fourth copy, stored only by the tests that write it. */
  solarFourth: Article;
  /** The metro story's two copies, earliest first. */
  metro: [Article, Article];
}

/** The story documents, parsed. */
export function storyArticles(): StoryArticles {
  return {
    solar: [parsed(solarFirst), parsed(solarSecond), parsed(solarThird)],
    solarFourth: parsed(solarFourth),
    metro: [parsed(metroFirst), parsed(metroSecond)],
  };
}
