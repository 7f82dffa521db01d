import type { CorpusArticle } from './load.ts';

/** Arabic names of the corpus's newspapers, credited as publisher in the rendered footer. */
const PUBLISHERS: Record<string, string> = {
  aawsat: 'الشرق الأوسط',
  alweeam: 'الوئام',
  sabq: 'سبق',
  aleqtisadiya: 'الاقتصادية',
  almadina: 'المدينة',
  okaz: 'عكاظ',
  alyaum: 'اليوم',
  aljazirah: 'الجزيرة',
  arreyadi: 'الرياضي',
  alwatan: 'الوطن',
  alriyadh: 'الرياض',
  'al-madina': 'المدينة',
  'al-jazirah': 'الجزيرة',
  'al-riyadh': 'الرياض',
  'al-watan': 'الوطن',
  'al-yaum': 'اليوم',
};

/**
 * Renders a corpus article as the kind of text dump the parser reads: title, date line, the writer when
 * known, paragraphs with a read-also headline after the second one (the next article's title), the
 * publisher credit. Deterministic: the same articles give the same texts.
 */
export function renderSeedLayout(article: CorpusArticle, next: CorpusArticle | undefined): string {
  const lines = [article.title, `نشر في: ${article.dateExtracted.slice(0, 16)}`];
  if (article.author && article.author.length < 60) lines.push(article.author);
  article.paragraphs.forEach((paragraph, index) => {
    lines.push(paragraph);
    if (index === 1 && next && next.title !== article.title) lines.push('اقرأ أيضاً', next.title);
  });
  lines.push(`المصدر: ${PUBLISHERS[article.source] ?? article.source}`);
  return `${lines.join('\n')}\n`;
}

/** Renders the whole corpus, each article followed in its read-also by the one after it. */
export function renderCorpus(articles: CorpusArticle[]): string[] {
  return articles.map((article, index) => renderSeedLayout(article, articles[index + 1]));
}
