/**
 * Arabic words that only running sentences are made of: prepositions, conjunctions, relatives,
 * demonstratives, particles and auxiliaries, as written (hamza and final yaa in the spellings sites
 * use, so no normalization is needed to look them up). Prose is dense with them; menus, headlines
 * and names are not.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  ...['في', 'فى', 'من', 'على', 'علي', 'إلى', 'الى', 'إلي', 'الي', 'عن', 'مع', 'أن', 'ان', 'إن', 'أنه'],
  ...['أنها', 'بأن', 'لأن', 'التي', 'التى', 'الذي', 'الذى', 'الذين', 'اللذين', 'اللتين', 'هذا', 'هذه'],
  ...['ذلك', 'تلك', 'هؤلاء', 'كان', 'كانت', 'يكون', 'تكون', 'قد', 'لقد', 'لا', 'لم', 'لن', 'ما', 'أو'],
  ...['او', 'ثم', 'حيث', 'بعد', 'قبل', 'خلال', 'بين', 'عند', 'منذ', 'حتى', 'كما', 'وفي', 'ومن', 'وقد'],
  ...['هو', 'هي', 'وهو', 'وهي', 'كل', 'غير', 'عبر', 'نحو', 'لدى', 'إذ', 'إذا', 'اذا', 'بل', 'لكن', 'ولكن'],
  ...['وأن', 'وان', 'فيما', 'مما', 'بما', 'كذلك', 'أيضا', 'أيضاً', 'ايضا', 'حول', 'ضد', 'وذلك'],
]);
