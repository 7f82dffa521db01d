import { foldWords } from '../fold.ts';
import type { JsonLdArticle } from './json-ld.ts';
import type { PageTags } from './meta-tags.ts';
import type { Located, MetaConflict, MetaSource } from './metadata-types.ts';
import { httpUrl } from './page-url.ts';
import { isSiteName, type SiteIdentity } from './site-name.ts';
import { isOtherContent, type TextBlock } from './text-blocks.ts';

/**
 * The byline: who wrote the article. Trust order: JSON-LD `author` (people, not organisations), then
 * the author meta tags (`author`, `article:author` when it is a name rather than a profile URL,
 * microdata `itemprop=author`, `parsely-author`, `sailthru.author`, `DC.creator`), then a byline
 * printed near the headline (an element whose class or id says author or byline, or a short line
 * opening with `كتب`, `كتبت`, `بقلم`, `By`). Prefixes are dropped; a value that is only the site, a
 * news agency or an editorial desk, or a place with the site (`(أبوظبي - البيان)`), is no byline.
 * A declared byline and a printed one that share no name are kept as a conflict.
 */

const PREFIX =
  /^\s*(?:كتبت|كتب|بقلم|بقلم الكاتب|إعداد|اعداد|by|par|written by|reported by)(?:\s*[:：\-–—]\s*|\s+)/i;
const PART_SEPARATOR = /\s*[-–—|/،,]\s*|\s+(?:و|and)\s+/;
const AUTHOR_HINT = /author|byline|writer|writeby|write-by|reporter|kateb|katib|editor-name|journalist/;
const AUTHOR_KEYS = [
  ...['author', 'article:author', 'itemprop:author', 'itemprop:creator', 'parsely-author'],
  ...['sailthru.author', 'dc.creator', 'dcterms.creator', 'byl', 'twitter:creator'],
];
// Folded words that name an agency, a desk or a generic role rather than a person.
const ORGANISATION_WORDS = new Set([
  ...[
    'وكاله',
    'وكالات',
    'رويترز',
    'فرانس',
    'الاناضول',
    'سبوتنيك',
    'وام',
    'واس',
    'قنا',
    'كونا',
    'بترا',
    'سانا',
  ],
  ...[
    'التحرير',
    'المحرر',
    'محرر',
    'فريق',
    'هيئه',
    'قسم',
    'الموقع',
    'بوابه',
    'مركز',
    'مكتب',
    'مراسلو',
    'مراسلين',
  ],
  ...[
    'staff',
    'newsroom',
    'editorial',
    'editors',
    'editor',
    'desk',
    'admin',
    'administrator',
    'agency',
    'agencies',
  ],
  ...['reuters', 'afp', 'ap', 'team', 'wire', 'wires', 'press', 'associated', 'webmaster'],
]);
const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N} .'’()«»"\-–—|/،,]+$/u;
const MAX_WORDS = 12;
const DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/;
const MAX_PRINTED_LENGTH = 80;
// A printed byline is a name or two, maybe with a place: a longer run is a sentence or a headline.
const MAX_PRINTED_WORDS = 7;
const WINDOW_AFTER = 25;
const WINDOW_BEFORE = 3;

interface BylineContext {
  tags: PageTags;
  jsonLd: JsonLdArticle | null;
  blocks: readonly TextBlock[];
  anchor: number | null;
  site: SiteIdentity;
}

/** Chooses the byline and records a conflict between the declared and the printed one. */
export function chooseByline(context: BylineContext, conflicts: MetaConflict[]): Located<string> | null {
  const declared = declaredByline(context);
  const printed = printedByline(context);
  if (declared !== null && printed !== null && !sharesName(declared.value, printed.value)) {
    conflicts.push({
      field: 'byline',
      message: `${declared.source} byline «${declared.value}» and the printed byline «${printed.value}» name no one in common; kept the ${declared.source} one`,
      start: printed.start,
    });
  }
  return declared ?? printed;
}

function declaredByline(context: BylineContext): Located<string> | null {
  const { jsonLd, site } = context;
  if (jsonLd !== null) {
    const names = jsonLd.authors
      .filter((author) => !author.organisation)
      .map((author) => cleanByline(author.name, site))
      .filter((name): name is string => name !== null);
    const unique = [...new Set(names)];
    if (unique.length > 0) {
      return { value: unique.join('، '), start: jsonLd.start, end: jsonLd.end, source: 'json-ld' };
    }
  }
  for (const key of AUTHOR_KEYS) {
    for (const declared of context.tags.meta.get(key) ?? []) {
      const value = cleanByline(declared.value, site);
      if (value === null) continue;
      const source: MetaSource = key.startsWith('article:') ? 'opengraph' : 'meta';
      return { value, start: declared.start, end: declared.end, source };
    }
  }
  return null;
}

function printedByline(context: BylineContext): Located<string> | null {
  if (context.anchor === null) return null;
  const from = Math.max(0, context.anchor - WINDOW_BEFORE);
  const to = Math.min(context.blocks.length, context.anchor + WINDOW_AFTER);
  for (let index = from; index < to; index++) {
    const block = context.blocks[index] as TextBlock;
    if (block.text.length > MAX_PRINTED_LENGTH || block.inChrome || isOtherContent(block.hints)) continue;
    // A name has no digits: a block with them is a date, a count or a name glued to a date.
    if (DIGIT.test(block.text)) continue;
    const prefixed = PREFIX.test(block.text);
    if (!prefixed && !AUTHOR_HINT.test(block.hints)) continue;
    const value = cleanByline(block.text, context.site);
    if (value !== null && foldWords(value).length <= MAX_PRINTED_WORDS)
      return { value, start: block.start, end: block.end, source: 'printed' };
  }
  return null;
}

/**
 * A byline without its prefix, wrapping brackets or the site's name; null when nothing personal
 * remains (an organisation, a desk, a URL, the site with a place).
 */
export function cleanByline(raw: string, site: SiteIdentity): string | null {
  let text = raw.replace(/\s+/g, ' ').trim();
  if (httpUrl(text) !== null || text.startsWith('@') || text.includes('://')) return null;
  text = text
    .replace(PREFIX, '')
    .replace(/^[(«"“[]+|[)»"”\]:：.]+$/g, '')
    .trim();
  if (text.length === 0 || !NAME_CHARACTERS.test(text) || foldWords(text).length > MAX_WORDS) return null;
  const parts = text.split(PART_SEPARATOR).map((part) => part.replace(/^[(«"“]+|[)»"”]+$/g, '').trim());
  const kept = parts.filter((part) => part.length > 0 && !isSiteName(part, site) && !isOrganisation(part));
  if (kept.length === 0) return null;
  // The site beside one-word parts is a place credit: `(أبوظبي - البيان)`, `البيان - دبي`.
  const siteNamed = parts.some((part) => isSiteName(part, site));
  if (siteNamed && kept.every((part) => foldWords(part).length <= 1)) return null;
  if (kept.length === parts.length) return text;
  return kept.join(' - ');
}

function isOrganisation(part: string): boolean {
  const words = foldWords(part);
  return words.length > 0 && words.some((word) => ORGANISATION_WORDS.has(word));
}

function sharesName(left: string, right: string): boolean {
  const rightWords = new Set(foldWords(right));
  return foldWords(left).some((word) => word.length > 2 && rightWords.has(word));
}
