import { normalize } from '@khabar/arabic';

/**
 * A title reduced to what two spellings of one headline share: normalized (hamza, taa marbuta,
 * harakat…), lower-cased, punctuation dropped, words joined by single spaces. Read-also headlines and
 * appended articles link to stored articles with the same key.
 */
export function titleKey(title: string): string {
  return normalize(title)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .join(' ');
}
