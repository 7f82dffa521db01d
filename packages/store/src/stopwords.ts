import { searchTerms } from '@khabar/arabic';

// Arabic function words: prepositions, conjunctions, pronouns, demonstratives, relatives, particles and
// auxiliaries, with their common و/ف-prefixed forms. Almost every article holds them; as index terms
// they say nothing about what an article is about (bm25 gives them no weight).
const FUNCTION_WORDS = `
  في من على الى إلى عن مع ان أن إن لأن كان كانت يكون تكون قد لقد لا ما لم لن ليس
  هذا هذه ذلك تلك هؤلاء هنا هناك التي الذي الذين اللذين اللتين اللواتي
  هو هي هم هن نحن أنا أنت أنتم بين عند بعد قبل حتى أو ثم كل كما لكن بل إذا منذ خلال حول
  دون غير لدى فيه فيها منه منها عليه عليها إليه إليها به بها له لها لهم
  وقد وفي ومن وعلى وأن وإن وهو وهي وكان فقد كذلك أيضا حيث عندما بينما
`;

/** The function words as index terms: their normalized, light-stemmed forms. */
export const STOP_TERMS: ReadonlySet<string> = new Set(searchTerms(FUNCTION_WORDS));

/** Whether an index term is the stem of a function word. */
export function isStopTerm(term: string): boolean {
  return STOP_TERMS.has(term);
}
