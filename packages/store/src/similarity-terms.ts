import { searchTerms } from '@khabar/arabic';
import { isStopTerm } from './stopwords.ts';

// Stems of one or two letters are mostly particles (في، من، ان): they say nothing about the topic.
const MIN_TERM_LENGTH = 3;
const MAX_TERMS = 12;

/** Terms that say what an article is about: its title's and tags' stems, function words left out. */
export function similarityTerms(title: string, tags: readonly string[]): string[] {
  const terms = new Set<string>();
  for (const term of searchTerms([title, ...tags].join('\n'))) {
    if (term.length >= MIN_TERM_LENGTH && !isStopTerm(term)) terms.add(term);
  }
  return [...terms].slice(0, MAX_TERMS);
}
