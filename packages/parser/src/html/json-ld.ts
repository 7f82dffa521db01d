import type { Declared } from './meta-tags.ts';

/**
 * The article described by the page's JSON-LD: the first item whose `@type` is an article type (or,
 * failing that, a web page), searched through top-level arrays, `@graph` and `mainEntity`, with
 * `@id` references followed inside the page. Broken scripts are repaired where that is safe (HTML
 * comments and CDATA marks around the JSON, raw control characters, trailing commas) or skipped.
 */

export interface JsonLdPerson {
  name: string;
  /** Whether the item says it is an organisation rather than a person. */
  organisation: boolean;
}

export interface JsonLdImage {
  url: string;
  caption: string | null;
}

export interface JsonLdArticle {
  /** The range of the script the article was read from. */
  start: number;
  end: number;
  headline: string | null;
  datePublished: string | null;
  dateModified: string | null;
  authors: JsonLdPerson[];
  publisher: string | null;
  images: JsonLdImage[];
  description: string | null;
  keywords: string[];
  url: string | null;
  lang: string | null;
  /** The name of a `WebSite` item, when the page declares one. */
  websiteName: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const ARTICLE_TYPES = new Set(
  [
    'Article',
    'NewsArticle',
    'ReportageNewsArticle',
    'AnalysisNewsArticle',
    'OpinionNewsArticle',
    'BackgroundNewsArticle',
    'ReviewNewsArticle',
    'AskPublicNewsArticle',
    'BlogPosting',
    'LiveBlogPosting',
    'SocialMediaPosting',
    'Report',
    'ScholarlyArticle',
    'TechArticle',
  ].map((type) => type.toLowerCase()),
);
const PAGE_TYPES = new Set(['webpage', 'itempage', 'medicalwebpage']);
const ORGANISATION_TYPES = new Set(['organization', 'newsmediaorganization', 'corporation', 'website']);
const MAX_DEPTH = 8;

/** Reads the article of the page's JSON-LD scripts, or null when there is none. */
export function readJsonLd(scripts: readonly Declared[]): JsonLdArticle | null {
  let page: { item: JsonObject; script: Declared } | null = null;
  let websiteName: string | null = null;
  let article: { item: JsonObject; script: Declared } | null = null;
  const ids = new Map<string, JsonObject>();
  const found: { item: JsonObject; script: Declared }[] = [];
  for (const script of scripts) {
    const data = parseLenient(script.value);
    if (data === undefined) continue;
    collectItems(data, 0, (item) => {
      found.push({ item, script });
      const id = item['@id'];
      if (typeof id === 'string' && !ids.has(id)) ids.set(id, item);
    });
  }
  for (const entry of found) {
    const types = typesOf(entry.item);
    if (article === null && types.some((type) => ARTICLE_TYPES.has(type))) article = entry;
    if (page === null && types.some((type) => PAGE_TYPES.has(type))) page = entry;
    if (websiteName === null && types.includes('website')) websiteName = text(entry.item.name);
  }
  const chosen = article ?? page;
  if (chosen === null) return null;
  const resolve = (value: Json | undefined): Json | undefined => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const id = value['@id'];
      if (typeof id === 'string' && Object.keys(value).length === 1) return ids.get(id) ?? value;
    }
    return value;
  };
  const item = chosen.item;
  return {
    start: chosen.script.start,
    end: chosen.script.end,
    headline: text(item.headline) ?? text(item.name),
    datePublished: text(item.datePublished) ?? text(item.dateCreated),
    dateModified: text(item.dateModified),
    authors: people(item.author ?? item.creator, resolve),
    publisher: organisationName(resolve(item.publisher), resolve),
    images: images(item.image ?? item.thumbnailUrl, resolve),
    description: text(item.description),
    keywords: keywords(item.keywords),
    url: link(item.url) ?? link(resolve(item.mainEntityOfPage)),
    lang: text(item.inLanguage),
    websiteName,
  };
}

/** Parses a script's JSON; on failure, again after the safe repairs; undefined when both fail. */
export function parseLenient(source: string): Json | undefined {
  const unwrapped = source
    .trim()
    .replace(/^(?:<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)\s*/, '')
    .replace(/\s*(?:-->|\/\/\s*\]\]>|\]\]>)$/, '');
  const strict = tryParse(unwrapped);
  if (strict !== undefined) return strict;
  // Raw line breaks and tabs inside strings are the commonest fault; outside strings they are whitespace.
  const repaired = withoutControls(unwrapped).replace(/,\s*([}\]])/g, '$1');
  return tryParse(repaired);
}

/** The text with each C0 control character made a space. */
function withoutControls(source: string): string {
  let result = '';
  let from = 0;
  for (let at = 0; at < source.length; at++) {
    if (source.charCodeAt(at) >= 0x20) continue;
    result += `${source.slice(from, at)} `;
    from = at + 1;
  }
  return result + source.slice(from);
}

function tryParse(source: string): Json | undefined {
  try {
    return JSON.parse(source) as Json;
  } catch {
    return undefined;
  }
}

function collectItems(data: Json, depth: number, visit: (item: JsonObject) => void): void {
  if (depth > MAX_DEPTH || data === null || typeof data !== 'object') return;
  if (Array.isArray(data)) {
    for (const entry of data) collectItems(entry, depth + 1, visit);
    return;
  }
  visit(data);
  const graph = data['@graph'];
  if (graph !== undefined) collectItems(graph, depth + 1, visit);
  const main = data.mainEntity;
  if (main !== undefined) collectItems(main, depth + 1, visit);
}

function typesOf(item: JsonObject): string[] {
  const type = item['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((entry): entry is string => typeof entry === 'string').map(typeName);
}

/** `NewsArticle`, `schema:NewsArticle` and `https://schema.org/NewsArticle` are one type. */
function typeName(type: string): string {
  return (type.split(/[/:#]/).pop() ?? type).toLowerCase();
}

/** A string or number, the first one in an array, or an object's `@value`; null past {@link MAX_DEPTH} nested arrays. */
function text(value: Json | undefined, depth = 0): string | null {
  if (depth > MAX_DEPTH) return null;
  if (typeof value === 'string') {
    const trimmed = value.replace(/\s+/g, ' ').trim();
    return trimmed.length > 0 ? trimmed : null;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const entry of value) {
      const found = text(entry, depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') return text(value['@value'], depth + 1);
  return null;
}

function link(value: Json | undefined): string | null {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return text(value['@id']) ?? text(value.url);
  }
  return text(value);
}

function people(
  value: Json | undefined,
  resolve: (value: Json | undefined) => Json | undefined,
): JsonLdPerson[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const found: JsonLdPerson[] = [];
  for (const entry of list) {
    const resolved = resolve(entry);
    if (typeof resolved === 'string') {
      const name = text(resolved);
      if (name !== null) found.push({ name, organisation: false });
    } else if (resolved !== null && typeof resolved === 'object' && !Array.isArray(resolved)) {
      const name = text(resolved.name);
      const organisation = typesOf(resolved).some((type) => ORGANISATION_TYPES.has(type));
      if (name !== null) found.push({ name, organisation });
    }
  }
  return found;
}

function organisationName(
  value: Json | undefined,
  resolve: (value: Json | undefined) => Json | undefined,
  depth = 0,
): string | null {
  if (depth > MAX_DEPTH) return null;
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return organisationName(resolve(value[0]), resolve, depth + 1);
  if (value !== null && typeof value === 'object') return text(value.name);
  return null;
}

function images(
  value: Json | undefined,
  resolve: (value: Json | undefined) => Json | undefined,
  depth = 0,
): JsonLdImage[] {
  const resolved = resolve(value);
  if (resolved === undefined || resolved === null || depth > MAX_DEPTH) return [];
  if (typeof resolved === 'string') return [{ url: resolved.trim(), caption: null }];
  if (Array.isArray(resolved)) return resolved.flatMap((entry) => images(entry, resolve, depth + 1));
  if (typeof resolved !== 'object') return [];
  const list = resolved['@list'];
  if (list !== undefined) return images(list, resolve, depth + 1);
  const url = link(resolved.url) ?? link(resolved.contentUrl) ?? text(resolved['@id']);
  if (url === null) return [];
  return [{ url, caption: text(resolved.caption) ?? text(resolved.description) ?? text(resolved.name) }];
}

function keywords(value: Json | undefined): string[] {
  if (typeof value === 'string') return splitKeywords(value);
  if (Array.isArray(value))
    return value.flatMap((entry) => (typeof entry === 'string' ? splitKeywords(entry) : []));
  return [];
}

/** Keywords separated by commas (Latin or Arabic), semicolons or bars. */
export function splitKeywords(value: string): string[] {
  return value
    .split(/[,،;؛|]/)
    .map((word) => word.replace(/\s+/g, ' ').trim())
    .filter((word) => word.length > 0);
}
