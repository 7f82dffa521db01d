import type { Article } from '@khabar/schema';
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
 * What an article's JSON depends on: its content hash and the links the store resolved at read time
 * (a linked article can appear or disappear without the article itself changing).
 */
function fingerprint(article: Article): string {
  const links = [...article.readAlso, ...article.related].map((item) => item.link?.id ?? '-');
  const { contentHash, parserVersion } = article.provenance;
  return `${contentHash}:${parserVersion}:${links.join(',')}`;
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

  serialize(article: Article): SerializedArticle {
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
