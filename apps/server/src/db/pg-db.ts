import pg from 'pg';
import { type Db, type QueryResult, queryable, type SqlParam, toDriverParams } from './db.js';

const INT8_OID = 20;

/** Options of a Postgres connection pool. */
export interface PgDbOptions {
  /** `postgres://user:password@host:port/database` */
  databaseUrl: string;
  /** Most connections the pool opens (default 10). */
  max?: number;
}

/**
 * Opens a pool on a Postgres server. Transactions take one pooled client for
 * `BEGIN … COMMIT` (or `ROLLBACK` when the function throws).
 *
 * @example
 * ```ts
 * const db = await openPgDb({ databaseUrl: 'postgres://tollway@127.0.0.1/tollway' });
 * await db.many('SELECT key_id FROM api_keys');
 * ```
 */
export async function openPgDb(options: PgDbOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: 10_000,
    statement_timeout: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => BigInt(value)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const on = (target: pg.Pool | pg.PoolClient) =>
    queryable(
      async <T>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<T>> => {
        const result = await target.query(sql, toDriverParams(params));
        return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
      },
      async (sql) => {
        // Without parameters pg uses the simple protocol, which runs several statements.
        await target.query(sql);
      },
    );
  const onPool = on(pool);
  // Fail at start, not on the first request, when the server cannot be reached.
  try {
    await onPool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    kind: 'postgres',
    ...onPool,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(on(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
