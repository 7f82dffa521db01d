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
  /**
   * Rows passed as parameters (see `Params.rowsTable`), as a table `alias` with the columns named:
   * `add` adds a parameter and gives its placeholder. Null when a statement over rows is better run
   * once per row, each time with one row as parameters: SQLite's statements run in this process, and
   * a BLOB bound as it is costs a tenth of one passed as text.
   */
  rowsTable:
    | ((
        add: (value: unknown) => string,
        alias: string,
        columns: readonly RowColumn[],
        rows: readonly (readonly unknown[])[],
      ) => string)
    | null;
}

/** A column of rows passed as parameters: its name and SQL type. */
export interface RowColumn {
  name: string;
  type: 'bigint' | 'integer' | 'text' | 'bytes';
}

/** The bytes of a `bytes` value, whatever kind of byte array holds them. */
function asBuffer(value: unknown): Buffer | null {
  if (value === null || value === undefined) return null;
  const bytes = value as Uint8Array;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** SQLite: `?` placeholders, lists as a JSON array read with `json_each`, text compared byte by byte. */
export const sqliteDialect: Dialect = {
  placeholder: () => '?',
  listValue: (values) => JSON.stringify(values),
  inList: (column, placeholder) => `${column} IN (SELECT value FROM json_each(${placeholder}))`,
  listTable: (placeholder, alias) => `json_each(${placeholder}) AS ${alias}`,
  count: (expression) => `count(${expression})`,
  byCodePoint: (column) => column,
  rowsTable: null,
};

/** PostgreSQL: numbered placeholders, lists as arrays, counts cast from bigint, the "C" collation. */
export const postgresDialect: Dialect = {
  placeholder: (position) => `$${position}`,
  listValue: (values) => values,
  inList: (column, placeholder, type) => `${column} = ANY(${placeholder}::${type}[])`,
  listTable: (placeholder, alias) => `unnest(${placeholder}::text[]) AS ${alias} (value)`,
  count: (expression) => `count(${expression})::int`,
  byCodePoint: (column) => `${column} COLLATE "C"`,
  // One array per column, unnested side by side.
  rowsTable: (add, alias, columns, rows) => {
    const arrays = columns.map(({ type }, index) => {
      const values = rows.map((row) => (type === 'bytes' ? asBuffer(row[index]) : row[index]));
      return `${add(values)}::${type === 'bytes' ? 'bytea' : type}[]`;
    });
    return `unnest(${arrays.join(', ')}) AS ${alias} (${columns.map(({ name }) => name).join(', ')})`;
  },
};

/**
 * One statement and its parameters; a `script` is several statements, with none. A statement with
 * `each` is run once for each of its rows, with the row as its parameters (see `Params.rowsTable`).
 */
export interface Query {
  sql: string;
  params: unknown[];
  script?: boolean;
  each?: readonly (readonly unknown[])[];
}

/** Builds the parameters of one statement in the order their placeholders are written. */
export class Params {
  readonly values: unknown[] = [];
  readonly dialect: Dialect;
  #each: readonly (readonly unknown[])[] | undefined;

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

  /**
   * `rows` (one value per column each) as a table `alias`: passed whole whatever their number, or
   * (where the dialect runs such statements row by row) one row of parameters, the statement then run
   * once per row. Such a statement takes no other parameter.
   */
  rowsTable(alias: string, columns: readonly RowColumn[], rows: readonly (readonly unknown[])[]): string {
    if (this.dialect.rowsTable !== null) {
      return this.dialect.rowsTable((value) => this.add(value), alias, columns, rows);
    }
    if (this.values.length > 0 || this.#each !== undefined) {
      throw new Error('a statement run once per row takes no other parameter');
    }
    this.#each = rows;
    const selected = columns.map(({ name, type }) =>
      type === 'bigint' || type === 'integer' ? `CAST(? AS INTEGER) AS ${name}` : `? AS ${name}`,
    );
    return `(SELECT ${selected.join(', ')}) AS ${alias}`;
  }

  query(sql: string): Query {
    if (this.#each !== undefined) {
      if (this.values.length > 0) throw new Error('a statement run once per row takes no other parameter');
      return { sql, params: [], each: this.#each };
    }
    return { sql, params: this.values };
  }
}

/**
 * The insert of `rows` (one value per column each) into `table`, then `tail` (an ON CONFLICT clause):
 * in SQLite a statement run once per row with the row's values bound (see `Dialect.rowsTable`), in
 * PostgreSQL one statement for them all.
 */
export function insertRows(
  dialect: Dialect,
  table: string,
  columns: readonly RowColumn[],
  rows: readonly (readonly unknown[])[],
  tail = '',
): Query {
  const names = columns.map(({ name }) => name).join(', ');
  if (dialect.rowsTable === null) {
    const values = columns.map(() => '?').join(', ');
    return { sql: `INSERT INTO ${table} (${names}) VALUES (${values}) ${tail}`, params: [], each: rows };
  }
  const params = new Params(dialect);
  return params.query(
    `INSERT INTO ${table} (${names}) SELECT ${names} FROM ${params.rowsTable('incoming', columns, rows)}
     WHERE true ${tail}`,
  );
}

/**
 * Sets `column` of the rows of `table` whose `key` is given, from `rows` of [key, value]: in SQLite a
 * statement run once per row, in PostgreSQL one for them all.
 */
export function updateRows(
  dialect: Dialect,
  table: string,
  key: RowColumn,
  column: RowColumn,
  rows: readonly (readonly [unknown, unknown])[],
): Query {
  if (dialect.rowsTable === null) {
    return {
      sql: `UPDATE ${table} SET ${column.name} = ? WHERE ${key.name} = ?`,
      params: [],
      each: rows.map(([keyValue, value]) => [value, keyValue]),
    };
  }
  const params = new Params(dialect);
  return params.query(
    `UPDATE ${table} SET ${column.name} = changed.${column.name}
     FROM ${params.rowsTable('changed', [key, column], rows)}
     WHERE ${table}.${key.name} = changed.${key.name}`,
  );
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
