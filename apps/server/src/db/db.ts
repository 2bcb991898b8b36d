/** A value a query parameter may hold; plain objects are sent as JSON, arrays as SQL arrays. */
export type SqlParam = string | number | bigint | boolean | Date | null | readonly unknown[] | object;

/** The part of {@link Db} that also works inside a transaction. */
export interface Queryable {
  /**
   * Runs one statement with `$1`-style parameters and returns its rows and the affected count.
   * `BIGINT` columns come back as `bigint` on every driver (money is USDC base units), `NUMERIC`
   * as a string, `TIMESTAMPTZ` as a `Date`, `JSONB` parsed.
   */
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<T>>;
  /** The first row, or `undefined` when there is none. */
  one<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<T | undefined>;
  /** All rows. */
  many<T = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** Rows and the number of rows a statement touched. */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/**
 * The marketplace's database: PGlite embedded or a Postgres server, the same SQL on both.
 *
 * @example
 * ```ts
 * const db = await openDb({});
 * await db.transaction(async (tx) => {
 *   await tx.query('UPDATE balances SET amount = amount - $1 WHERE owner_id = $2', [5n, 'me']);
 * });
 * ```
 */
export interface Db extends Queryable {
  /** `'pglite'` or `'postgres'`, for the rare statement that must differ. */
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` inside one real transaction: committed when `fn` resolves, rolled back when it
   * throws. Use `SELECT … FOR UPDATE` or a conditional `UPDATE` for rows that several requests
   * change at once.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Closes the connection pool or the embedded database. */
  close(): Promise<void>;
}

/** Builds `one` and `many` from a `query` function. */
export function queryable(
  query: <T>(sql: string, params?: readonly SqlParam[]) => Promise<QueryResult<T>>,
  exec: (sql: string) => Promise<void>,
): Queryable {
  return {
    query,
    exec,
    one: async <T>(sql: string, params?: readonly SqlParam[]) => (await query<T>(sql, params)).rows[0],
    many: async <T>(sql: string, params?: readonly SqlParam[]) => (await query<T>(sql, params)).rows,
  };
}

/**
 * Parameters as both drivers expect them: arrays stay arrays (for `TEXT[]` columns and
 * `= ANY($1)`), plain objects become JSON text (for `JSONB` columns), bigints become decimal text.
 */
export function toDriverParams(params: readonly SqlParam[] | undefined): unknown[] {
  if (!params) return [];
  return params.map((p) => {
    if (typeof p === 'bigint') return p.toString();
    if (p === null || typeof p !== 'object' || p instanceof Date || Array.isArray(p)) return p;
    return JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  });
}
