// Throughput of the Arabic rules on the SaudiNewsNet corpus, on one core: normalize and tokenize over
// every paragraph, and parseDate over date lines written in the forms of the date-line spec (built from
// each article's own date) and over whole paragraphs, where most text holds no date at all.
// Run: pnpm --filter @khabar/arabic bench
import { loadCorpus } from '@khabar/corpus';
import { normalize, parseDate, tokenize } from '../src/index.ts';

const MB = 1e6;
const articles = loadCorpus();
const paragraphs = articles.flatMap((article) => article.paragraphs);
const paragraphBytes = paragraphs.reduce((sum, paragraph) => sum + Buffer.byteLength(paragraph), 0);
console.log(
  `corpus: ${articles.length} articles, ${paragraphs.length} paragraphs, ${(paragraphBytes / MB).toFixed(1)} MB`,
);

const ARABIC_MONTHS = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو'];
const LEVANT_MONTHS = ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران'];
const WEEKDAYS = ['الأحد', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];
const HIJRI = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});
const HIJRI_MONTHS = ['محرم', 'صفر', 'ربيع الأول', 'ربيع الآخر', 'جمادى الأولى', 'جمادى الآخرة'];
const HIJRI_MONTHS_LATE = ['رجب', 'شعبان', 'رمضان', 'شوال', 'ذو القعدة', 'ذو الحجة'];

function indic(text: string): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));
}

/** The article's date in one of eight written forms, chosen by its position. */
function dateLine(stamp: string, index: number): string {
  const [date = '', time = ''] = stamp.split(' ');
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const hhmm = time.slice(0, 5);
  const half = month <= 6 ? month - 1 : month - 7;
  const arabicMonth = `${ARABIC_MONTHS[half]}`;
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  const hour = Number(hhmm.slice(0, 2));
  const clock = `${hour % 12 || 12}:${hhmm.slice(3)} ${hour < 12 ? 'ص' : 'م'}`;
  const parts = HIJRI.formatToParts(Date.UTC(year, month - 1, day));
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  const hijriMonth = part('month');
  const hijriName = hijriMonth <= 6 ? HIJRI_MONTHS[hijriMonth - 1] : HIJRI_MONTHS_LATE[hijriMonth - 7];
  const forms = [
    `${day}th, ${new Date(Date.UTC(year, month - 1, day)).toLocaleString('en', { month: 'long', timeZone: 'UTC' })} ${year} GMT`,
    `${weekday} ${day} ${arabicMonth} ${year} - ${clock}`,
    `${day} ${arabicMonth}/${LEVANT_MONTHS[half]} ${year}`,
    indic(`${day}/${month}/${year}`),
    stamp.slice(0, 16),
    `${weekday} ${part('day')} ${hijriName} ${part('year')} هـ الموافق ${day} ${arabicMonth} ${year} م`,
    `${part('day')} ${hijriName} ${part('year')} هـ`,
    'منذ ساعتين',
  ];
  return forms[index % forms.length] as string;
}

const dateLines = articles.map((article, index) => dateLine(article.dateExtracted, index));

/** Best of `rounds` runs of `work` over `list`, in seconds. */
function timed(rounds: number, list: readonly string[], work: (text: string) => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const text of list) work(text);
    best = Math.min(best, (performance.now() - started) / 1000);
  }
  return best;
}

let misses = 0;
timed(1, dateLines.slice(0, 2000), parseDate);
const dateSeconds = timed(3, dateLines, (line) => {
  if (parseDate(line) === null) misses++;
});
console.log(
  `parseDate on date lines: ${((dateSeconds / dateLines.length) * 1e6).toFixed(1)} µs a line` +
    ` (${dateLines.length} lines, best of 3; ${misses / 3} with no date)`,
);

for (const [name, work] of [
  ['normalize', normalize],
  ['tokenize', tokenize],
  ['parseDate over whole paragraphs', parseDate],
] as const) {
  timed(1, paragraphs.slice(0, 2000), work);
  const seconds = timed(2, paragraphs, work);
  console.log(
    `${name}: ${(paragraphBytes / MB / seconds).toFixed(1)} MB/s (best of 2, ${seconds.toFixed(2)} s)`,
  );
}
