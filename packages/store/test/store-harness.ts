import type { ArticleStore } from '../src/index.ts';
import type { StoryState } from './story-invariants.ts';

/** A store under test, with ways to look at its database from outside the store. */
export interface StoreHarness {
  store: ArticleStore;
  /** Where the store lives and the options to open it again, for a second process. */
  location: string;
  schema: string | undefined;
  /** Opens the same database again (a second connection or pool). */
  reopen(): Promise<ArticleStore>;
  /** A digest of every stored row: equal digests, equal contents. */
  digest(): Promise<string>;
  /** Cuts the stored document of an article short, as a damaged row would hold it. */
  damageDocument(id: string): Promise<void>;
  /** `ok` when the database finds no damage in its tables and indexes. */
  integrity(): Promise<string>;
  /** How many migrations the store knows. */
  migrations: number;
  /** Number of applied migration records. */
  migrationCount(): Promise<number>;
  /** The story tables as they are (see `expectStoryInvariants`). */
  storyState(): Promise<StoryState>;
  /** Closes the store and removes the database. */
  dispose(): Promise<void>;
}
