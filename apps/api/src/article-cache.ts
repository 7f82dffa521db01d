import type { StoredArticle } from '@khabar/schema';
import { ByteLru } from './byte-lru.ts';
import { strongEtag } from './http-cache.ts';

const utf8 = new TextEncoder();

export interface SerializedArticle {
  /** The article as UTF-8 JSON. */
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

interface Entry extends SerializedArticle {
  fingerprint: string;
}

/**
 * What an article's JSON depends on: its content hash, the links the store resolved at read time (a
 * linked article can appear or disappear without the article itself changing) and its story (which
 * grows, shrinks or changes its earliest article when another article is written or deleted).
 */
function fingerprint(article: StoredArticle): string {
  const links = [...article.readAlso, ...article.related].map((item) => item.link?.id ?? '-');
  const { contentHash, parserVersion } = article.provenance;
  const { id, size, firstPublishedAt } = article.story;
  return `${contentHash}:${parserVersion}:${links.join(',')}:${id}:${size}:${firstPublishedAt ?? '-'}`;
}

/**
 * Serialized article JSON and its ETag by article id, reused while the fingerprint holds, so a hot
 * article is stringified and hashed once. The least recently used go first past `budget` bytes.
 */
export class ArticleCache {
  readonly #entries: ByteLru<Entry>;

  constructor(budget = 32 * 1024 * 1024) {
    this.#entries = new ByteLru(budget);
  }

  serialize(article: StoredArticle): SerializedArticle {
    const key = fingerprint(article);
    const cached = this.#entries.get(article.id);
    if (cached && cached.fingerprint === key) return cached;
    const body = utf8.encode(JSON.stringify(article));
    const entry: Entry = { body, etag: strongEtag(body), fingerprint: key };
    this.#entries.set(article.id, entry);
    return entry;
  }

  forget(id: string): void {
    this.#entries.delete(id);
  }

  clear(): void {
    this.#entries.clear();
  }
}
