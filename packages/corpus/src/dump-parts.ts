import {
  arabicIndic,
  EGYPTIAN_MONTHS,
  ENGLISH_MONTHS,
  LEVANTINE_MONTHS,
  pad,
  weekdayOf,
} from './calendar-names.ts';
import type { CorpusArticle } from './load.ts';
import type { Random } from './random.ts';

/**
 * The pieces of a text dump around an article's paragraphs: date lines, bylines and datelines, read-also
 * markers, credits and keywords, in the spellings scrapers leave. Every piece is made from the article
 * itself (its date, its writer field, its words) or from other articles of the corpus.
 */

/** Arabic names of the corpus's newspapers, credited as publisher in the rendered footer. */
export const PUBLISHERS: Record<string, string> = {
  aawsat: 'الشرق الأوسط',
  alweeam: 'الوئام',
  sabq: 'سبق',
  aleqtisadiya: 'الاقتصادية',
  almadina: 'المدينة',
  okaz: 'عكاظ',
  alyaum: 'اليوم',
  aljazirah: 'الجزيرة',
  arreyadi: 'الرياضي',
  arriyadiyah: 'الرياضية',
  alwatan: 'الوطن',
  alriyadh: 'الرياض',
  '3alyoum': 'عين اليوم',
  was: 'واس',
  'al-madina': 'المدينة',
  'al-jazirah': 'الجزيرة',
  'al-riyadh': 'الرياض',
  'al-watan': 'الوطن',
  'al-yaum': 'اليوم',
};

export function publisherOf(article: CorpusArticle): string {
  return PUBLISHERS[article.source] ?? article.source;
}

const AGENCIES = ['واس', 'رويترز', 'فرانس برس', 'الأناضول', 'وكالات', 'د ب أ'];
const CITIES = [
  'الرياض',
  'جدة',
  'الدمام',
  'مكة المكرمة',
  'المدينة المنورة',
  'أبها',
  'تبوك',
  'الطائف',
  'حائل',
];
const DATE_LABELS = ['نشر في:', 'تاريخ النشر:', 'نُشر بتاريخ:', 'التاريخ :', 'نشر في'];
const READ_ALSO_MARKERS = ['اقرأ أيضاً', 'اقرأ أيضا', 'إقرأ أيضاً', 'اقرأ أيضًا', 'اقرأ ايضاً', 'اقرأ كذلك'];
const CHROME_LINES = ['مساحة إعلانية', 'إعلان', 'شارك', 'طباعة'];
const KEYWORD_LABELS = ['كلمات دلالية:', 'كلمات دلالية:', 'كلمات دلالية:', 'الكلمات الدلالية:', 'وسوم:'];
// Words too common to be anyone's keyword.
const FUNCTION_WORDS = new Set([
  ...['في', 'من', 'على', 'إلى', 'عن', 'أن', 'إن', 'أو', 'ثم', 'مع', 'بين', 'التي', 'الذي', 'الذين', 'هذا'],
  ...['هذه', 'ذلك', 'تلك', 'كان', 'كانت', 'قد', 'لقد', 'حيث', 'وقال', 'قال', 'وأضاف', 'وأكد', 'خلال', 'بعد'],
  ...['قبل', 'عند', 'كما', 'فيما', 'حتى', 'لدى', 'إلا', 'غير', 'كل', 'بعض', 'وفي', 'ومن', 'أنه', 'إنه'],
  ...['التى', 'الى', 'فى', 'عليه', 'عليها', 'منها', 'منه', 'فيها', 'وهو', 'وهي', 'هو', 'هي', 'لم', 'لن'],
]);
const ARABIC_WORD = /^[\u0621-\u064A]{3,}$/;
const SENTENCE_END = /[.!?؟…]["»”')]*$/;

function englishOrdinal(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return `${day}th`;
  return `${day}${['th', 'st', 'nd', 'rd'][day % 10] ?? 'th'}`;
}

/** A date line for the corpus's `YYYY-MM-DD hh:mm:ss`, in one of the forms dumps print. */
export function dateLine(dateExtracted: string, random: Random): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:\s+(\d{2}):(\d{2}))?/.exec(dateExtracted);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [hour, minute] = [Number(match[4] ?? 12), Number(match[5] ?? 0)];
  const egyptian = EGYPTIAN_MONTHS[month - 1] as string;
  const label = random.pick(DATE_LABELS);
  const clock = `${hour % 12 === 0 ? 12 : hour % 12}:${pad(minute)} ${hour < 12 ? 'ص' : 'م'}`;
  const weekday = weekdayOf(year, month, day);
  const forms = [
    () => `${year}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}`,
    () => `${day} ${egyptian} ${year}`,
    () => `${weekday} ${day} ${egyptian} ${year} - ${clock}`,
    () => `${englishOrdinal(day)}, ${ENGLISH_MONTHS[month - 1]} ${year} GMT`,
    () => `${day} ${egyptian}/${LEVANTINE_MONTHS[month - 1]} ${year}`,
    () => `${pad(day)}/${pad(month)}/${year}`,
    () => arabicIndic(`${day} ${egyptian} ${year}`),
  ];
  const form = forms[random.weighted([3, 3, 4, 3, 2, 2, 1])] as () => string;
  return `${label} ${form()}`;
}

/** A short run of names joined by dashes, as bylines and datelines are written. */
function isNameRun(text: string): boolean {
  if (/[«»"().,:؛،]/.test(text)) return false;
  const parts = text.split(/\s*[-–]\s*/);
  if (parts.length < 2 || parts.length > 4) return false;
  if (parts.some((part) => part.length === 0 || part.split(' ').length > 4)) return false;
  return text.split(/\s+/).length <= 9;
}

/** The writer field as a byline line, when it reads as one; else the publisher and a city. */
export function bylineOf(article: CorpusArticle, random: Random): string {
  const author = article.author.replace(/\s*:\s*$/, '');
  if (isNameRun(author)) return author;
  const dash = random.chance(0.6) ? ' – ' : ' - ';
  return `${publisherOf(article)}${dash}${random.pick(CITIES)}`;
}

/** A dateline opening the first paragraph (without its colon). */
export function datelineOf(article: CorpusArticle, random: Random): string {
  const author = article.author.replace(/\s*:\s*$/, '');
  if (isNameRun(author)) return author;
  const dash = random.pick(['- ', ' - ', '-']);
  return `${publisherOf(article)}${dash}${random.pick(CITIES)}`;
}

/** A read-also item: a marker alone with the headline on the next line, or both on one line. */
export function readAlsoLines(title: string, random: Random): string[] {
  const marker = random.pick(READ_ALSO_MARKERS);
  return random.chance(0.5) ? [marker, title] : [`${marker}: ${title}`];
}

export function chromeLine(random: Random): string {
  return random.pick(CHROME_LINES);
}

/** The credits of the footer: agency and publisher, on two lines or glued onto one. */
export function creditLines(
  article: CorpusArticle,
  random: Random,
): { lines: string[]; agency: boolean; publisher: boolean; glued: boolean } {
  const agency = random.chance(0.7) ? random.pick(AGENCIES) : null;
  const publisher = random.chance(0.6) ? publisherOf(article) : null;
  const agencyLine = agency && `${random.pick(['المصدر | ', 'المصدر | ', 'المصدر |', 'المصدر| '])}${agency}`;
  const publisherLine = publisher && `${random.pick(['المصدر: ', 'المصدر: ', 'المصدر : '])}${publisher}`;
  const glued = agencyLine !== null && publisherLine !== null && random.chance(0.5);
  const lines = glued
    ? [`${agencyLine}${publisherLine}`]
    : [agencyLine, publisherLine].filter((line): line is string => line !== null);
  return { lines, agency: agency !== null, publisher: publisher !== null, glued };
}

/** The Arabic words of a text that could be keywords, clause by clause, in order. */
function keywordCandidates(text: string): string[][] {
  return text.split(/[.،؛:!?؟]/).map((clause) =>
    clause
      .split(/\s+/)
      .map((word) => word.replace(/^[«"“(]+|[»"”)]+$/g, ''))
      .filter((word) => ARABIC_WORD.test(word) && !FUNCTION_WORDS.has(word)),
  );
}

// The article form of a word and the bare one: `خارجية` for `الخارجية` and back.
function toggleArticle(word: string): string {
  if (word.startsWith('ال') && word.length > 4) return word.slice(2);
  if (!word.startsWith('ال') && !/^[وفبلك]/.test(word)) return `ال${word}`;
  return word;
}

// Tags per line: mostly short, some long, a few very long (a site that tags every name in the story).
const KEYWORD_COUNTS: readonly (readonly [number, number])[] = [
  [2, 3],
  [4, 6],
  [7, 12],
  [13, 30],
];

/**
 * A keywords line in the family's form: tags separated by spaces only, single words and phrases of
 * the article (some with the article `ال` added or dropped, as editors write them), and now and then
 * a word the article does not have.
 */
export function keywordsLine(
  article: CorpusArticle,
  others: () => CorpusArticle,
  random: Random,
): { line: string; words: number } | null {
  const [low, high] = KEYWORD_COUNTS[random.weighted([35, 35, 25, 5])] as readonly [number, number];
  const wanted = random.int(low, high);
  const titleClauses = keywordCandidates(article.title).filter((clause) => clause.length > 0);
  const bodyClauses = article.paragraphs.flatMap(keywordCandidates).filter((clause) => clause.length > 0);
  // Editors tag what the story is about: words of the title, and words the body repeats.
  const counts = new Map<string, number>();
  for (const word of bodyClauses.flat()) counts.set(word, (counts.get(word) ?? 0) + 1);
  const topical = [
    ...titleClauses.flat(),
    ...[...counts].filter(([, count]) => count > 1).map(([word]) => word),
  ];
  const clauses = [...titleClauses, ...bodyClauses];
  if (clauses.length === 0) return null;
  const tags: string[] = [];
  const seen = new Set<string>();
  let words = 0;
  for (let attempt = 0; words < wanted && attempt < wanted * 4; attempt++) {
    let tag: string[];
    if (random.chance(0.08)) {
      const elsewhere = keywordCandidates(others().title).flat();
      if (elsewhere.length === 0) continue;
      tag = [random.pick(elsewhere)];
    } else if (random.chance(0.4)) {
      const phrases =
        titleClauses.some((clause) => clause.length > 1) && random.chance(0.4) ? titleClauses : clauses;
      const clause = random.pick(phrases);
      const length = Math.min(clause.length, random.chance(0.25) ? 3 : 2, wanted - words);
      const start = random.int(0, clause.length - length);
      tag = clause.slice(start, start + length);
      if (tag.length > 1 && random.chance(0.3)) {
        const at = random.int(0, tag.length - 1);
        tag[at] = toggleArticle(tag[at] as string);
      }
    } else {
      tag = [random.pick(topical.length > 0 && random.chance(0.8) ? topical : clauses.flat())];
    }
    const key = tag.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(key);
    words += tag.length;
  }
  if (tags.length === 0) return null;
  return { line: `${random.pick(KEYWORD_LABELS)} ${tags.join(' ')}`, words };
}

/** An appended article: its title and its first paragraphs that end a sentence, or null if it has none. */
export function appendedLines(article: CorpusArticle, random: Random): string[] | null {
  const sentences = article.paragraphs.filter((paragraph) => SENTENCE_END.test(paragraph));
  if (sentences.length === 0 || SENTENCE_END.test(article.title)) return null;
  const count = Math.min(sentences.length, random.int(1, 3));
  return [article.title, ...sentences.slice(0, count)];
}

export const APPENDED_MARKERS = ['إقرأ أيضاً:', 'إقرأ أيضاً:', 'اقرأ أيضاً:', 'اقرأ أيضا:'];
