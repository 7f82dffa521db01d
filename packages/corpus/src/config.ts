// The corpus package's one setting, and the one place it reads the environment.
import { fileURLToPath } from 'node:url';

/** The corpus folder: `KHABAR_CORPUS_DIR`, else `../shared/corpora/saudinewsnet` beside the repository. */
export function corpusDir(): string {
  return (
    process.env.KHABAR_CORPUS_DIR ??
    fileURLToPath(new URL('../../../../shared/corpora/saudinewsnet/', import.meta.url))
  );
}
