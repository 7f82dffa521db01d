import type { Document, Element } from 'domhandler';
import { attribute, collapse, elements, rangeOf, textOf } from './text-blocks.ts';

/**
 * The page's declared metadata in one pass over the tree: `<meta>` tags by their key (`property`,
 * `name`, `itemprop` or `http-equiv`, lower-cased), `<link>`s by `rel`, `<time>` elements, headings,
 * the `<title>`, `<html lang>` and the JSON-LD scripts.
 */

/** A declared value and the range of the element that declares it. */
export interface Declared {
  value: string;
  start: number;
  end: number;
}

export interface PageTags {
  /** Meta values by key, in document order; empty values left out. */
  meta: Map<string, Declared[]>;
  /** `href`s of `<link>` by each word of `rel`. */
  links: Map<string, Declared[]>;
  title: Declared | null;
  lang: string | null;
  times: Element[];
  headings: Element[];
  jsonLd: Declared[];
}

const HEADINGS = new Set(['h1', 'h2']);

/** Reads the tags of a page. */
export function readTags(document: Document): PageTags {
  const tags: PageTags = {
    meta: new Map(),
    links: new Map(),
    title: null,
    lang: null,
    times: [],
    headings: [],
    jsonLd: [],
  };
  for (const element of elements(document)) readElement(element, tags);
  return tags;
}

function readElement(element: Element, tags: PageTags): void {
  switch (element.name) {
    case 'meta':
      readMeta(element, tags);
      break;
    case 'link':
      readLink(element, tags);
      break;
    case 'title':
      // The first `<title>` is the page's; an `<svg>` title comes later, inside the body.
      if (tags.title === null) tags.title = { value: collapse(textOf(element)), ...rangeOf(element) };
      break;
    case 'html':
      tags.lang ??= attribute(element, 'lang')?.trim() || null;
      break;
    case 'time':
      tags.times.push(element);
      break;
    case 'script':
      if (attribute(element, 'type')?.trim().toLowerCase() === 'application/ld+json') {
        tags.jsonLd.push({ value: rawText(element), ...rangeOf(element) });
      }
      break;
    default:
      if (HEADINGS.has(element.name)) tags.headings.push(element);
  }
  // Microdata on any element: `<span itemprop="author">`, `<time itemprop="datePublished" datetime>`.
  const itemprop = attribute(element, 'itemprop');
  if (itemprop === null || element.name === 'meta' || element.name === 'link') return;
  for (const key of itemprop.toLowerCase().split(/\s+/)) {
    if (!MICRODATA.has(key)) continue;
    const value = attribute(element, 'content') ?? attribute(element, 'datetime') ?? textOf(element);
    add(tags.meta, `itemprop:${key}`, value, element);
  }
}

// The microdata properties read from elements other than `<meta>`: short values only.
const MICRODATA = new Set(['author', 'creator', 'headline', 'datepublished', 'datecreated', 'datemodified']);

function readMeta(element: Element, tags: PageTags): void {
  const content = attribute(element, 'content');
  if (content === null) {
    const charset = attribute(element, 'charset');
    if (charset !== null) add(tags.meta, 'charset', charset, element);
    return;
  }
  for (const name of ['property', 'name', 'itemprop', 'http-equiv']) {
    const key = attribute(element, name);
    if (key === null) continue;
    const prefix = name === 'itemprop' ? 'itemprop:' : '';
    for (const word of key.toLowerCase().split(/\s+/))
      if (word) add(tags.meta, prefix + word, content, element);
  }
}

function readLink(element: Element, tags: PageTags): void {
  const href = attribute(element, 'href');
  const rel = attribute(element, 'rel');
  if (href === null || rel === null) return;
  for (const word of rel.toLowerCase().split(/\s+/)) if (word) add(tags.links, word, href, element);
  const itemprop = attribute(element, 'itemprop');
  if (itemprop !== null) add(tags.meta, `itemprop:${itemprop.toLowerCase()}`, href, element);
}

function add(map: Map<string, Declared[]>, key: string, value: string, element: Element): void {
  const trimmed = value.trim();
  if (trimmed.length === 0) return;
  const entry = { value: trimmed, ...rangeOf(element) };
  const list = map.get(key);
  if (list === undefined) map.set(key, [entry]);
  else list.push(entry);
}

function rawText(element: Element): string {
  let text = '';
  for (const child of element.children)
    if ('data' in child && typeof child.data === 'string') text += child.data;
  return text;
}

/** The first value under any of the keys, in the order of the keys. */
export function firstMeta(tags: PageTags, keys: readonly string[]): Declared | null {
  for (const key of keys) {
    const found = tags.meta.get(key)?.[0];
    if (found !== undefined) return found;
  }
  return null;
}
