/** What differs between the two stores' SQL: how parameters are written and lists passed, casts, collation. */
export interface Dialect {
  /** The placeholder of the parameter at `position` (counted from 1). */
  placeholder(position: number): string;
  /** The value a list of keys is passed as: one parameter whatever its length. */
  listValue(values: readonly (string | number)[]): unknown;
  /** `column` is one of the list passed at `placeholder`. */
  inList(column: string, placeholder: string, type: 'text' | 'bigint'): string;
  /** The list passed at `placeholder` as a table `alias` of one column, `value`. */
  listTable(placeholder: string, alias: string): string;
  /** `count(expression)` read as a JavaScript number. */
  count(expression: string): string;
  /** A text column ordered by code point, whatever the database's collation. */
  byCodePoint(column: string): string;
}

/** SQLite: `?` placeholders, lists as a JSON array read with `json_each`, text compared byte by byte. */
export const sqliteDialect: Dialect = {
  placeholder: () => '?',
  listValue: (values) => JSON.stringify(values),
  inList: (column, placeholder) => `${column} IN (SELECT value FROM json_each(${placeholder}))`,
  listTable: (placeholder, alias) => `json_each(${placeholder}) AS ${alias}`,
  count: (expression) => `count(${expression})`,
  byCodePoint: (column) => column,
};

/** PostgreSQL: numbered placeholders, lists as arrays, counts cast from bigint, the "C" collation. */
export const postgresDialect: Dialect = {
  placeholder: (position) => `$${position}`,
  listValue: (values) => values,
  inList: (column, placeholder, type) => `${column} = ANY(${placeholder}::${type}[])`,
  listTable: (placeholder, alias) => `unnest(${placeholder}::text[]) AS ${alias} (value)`,
  count: (expression) => `count(${expression})::int`,
  byCodePoint: (column) => `${column} COLLATE "C"`,
};

/** One statement and its parameters; a `script` is several statements, with none. */
export interface Query {
  sql: string;
  params: unknown[];
  script?: boolean;
}

/** Builds the parameters of one statement in the order their placeholders are written. */
export class Params {
  readonly values: unknown[] = [];
  readonly dialect: Dialect;

  constructor(dialect: Dialect) {
    this.dialect = dialect;
  }

  /** The placeholder of a new parameter holding `value`. */
  add(value: unknown): string {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length);
  }

  /** `column` is one of `values`, passed as one parameter. */
  inList(column: string, values: readonly (string | number)[], type: 'text' | 'bigint' = 'text'): string {
    return this.dialect.inList(column, this.add(this.dialect.listValue(values)), type);
  }

  /** `values` as a table `alias` with one column, `value`. */
  listTable(values: readonly string[], alias: string): string {
    return this.dialect.listTable(this.add(this.dialect.listValue(values)), alias);
  }

  query(sql: string): Query {
    return { sql, params: this.values };
  }
}

/**
 * Work that asks the database one statement at a time: it yields each statement and is resumed with its
 * rows. SQLite's connection answers at once and PostgreSQL's later, so the same steps run both ways.
 */
export type Steps<Result> = Generator<Query, Result, unknown[]>;

/** Runs steps against a connection that answers at once. */
export function runSteps<Result>(steps: Steps<Result>, run: (query: Query) => unknown[]): Result {
  let step = steps.next();
  while (!step.done) step = steps.next(run(step.value));
  return step.value;
}

/** Runs steps against a connection that answers later. */
export async function runStepsAsync<Result>(
  steps: Steps<Result>,
  run: (query: Query) => Promise<unknown[]>,
): Promise<Result> {
  let step = steps.next();
  while (!step.done) step = steps.next(await run(step.value));
  return step.value;
}
