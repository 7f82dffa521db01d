import { searchTerms } from '@khabar/arabic';
import { MAX_BODY_CHARACTERS } from './parameters.ts';

// Where a sentence ends: at . ! ? ؟ ؛ … and the blank space after it (a dot inside a number, 3.5,
// ends none).
const SENTENCE_END = /[.!?\u061F\u061B\u2026]\s+/gu;

/**
 * The sentences of a text, the blank space that ends each left out. Found by a pattern for the end of
 * a sentence: a split on blank space with a look-behind for the mark took four times as long.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let end = SENTENCE_END.exec(text); end !== null; end = SENTENCE_END.exec(text)) {
    sentences.push(text.slice(start, end.index + 1));
    start = SENTENCE_END.lastIndex;
  }
  sentences.push(text.slice(start));
  return sentences;
}

/** The sentences of a body as search terms, and how much of the body was read. */
export interface BodySentences {
  /** Each sentence's normalized, light-stemmed words, as the search index has them, in order. */
  sentences: string[][];
  /** The index of the paragraph each sentence belongs to. */
  paragraphOf: number[];
  /** Paragraphs read, the last perhaps in part. */
  paragraphs: number;
  /** Characters of the body read: at most MAX_BODY_CHARACTERS. */
  characters: number;
  /** Whether the whole body was read. */
  complete: boolean;
}

/**
 * Splits a body into sentences of search terms (normalized and light-stemmed as the search index
 * does; blank space only separates, so a paragraph's terms are its sentences' terms one after the
 * other). Only the first `maxCharacters` are read, so a hostile body costs no more than a long article.
 */
export function bodySentences(
  body: readonly string[],
  maxCharacters: number = MAX_BODY_CHARACTERS,
): BodySentences {
  const sentences: string[][] = [];
  const paragraphOf: number[] = [];
  let characters = 0;
  let paragraphs = 0;
  for (const paragraph of body) {
    if (characters >= maxCharacters) break;
    const room = maxCharacters - characters;
    const text = paragraph.length > room ? paragraph.slice(0, room) : paragraph;
    characters += text.length;
    for (const sentence of splitSentences(text)) {
      const terms = searchTerms(sentence);
      if (terms.length === 0) continue;
      sentences.push(terms);
      paragraphOf.push(paragraphs);
    }
    paragraphs++;
  }
  const total = body.reduce((sum, paragraph) => sum + paragraph.length, 0);
  return { sentences, paragraphOf, paragraphs, characters, complete: characters === total };
}

/**
 * The search index's body text (one line of terms per paragraph, as the stores' shadow column
 * holds it) from a body read whole, so that a store tokenizes a body once for both.
 */
export function shadowLines(read: BodySentences): string[] {
  const lines: string[] = new Array(read.paragraphs).fill('');
  const { sentences, paragraphOf } = read;
  // A paragraph's sentences are neighbours: each sentence joined, then appended to its paragraph's
  // line (gathering a paragraph's terms into one array first took a third longer).
  for (let index = 0; index < sentences.length; index++) {
    const paragraph = paragraphOf[index] as number;
    const text = (sentences[index] as string[]).join(' ');
    const line = lines[paragraph] as string;
    lines[paragraph] = line === '' ? text : `${line} ${text}`;
  }
  return lines;
}
