import type { Dialect, Query } from './dialect.ts';

/** Reads the rows of one statement, with the store's error mapping. */
export type Read = <Row>(query: Query) => Promise<Row[]>;

/** A store's way of reading: its dialect and a connection to read with. */
export interface Reader {
  dialect: Dialect;
  read: Read;
}
