import { PGlite, types } from '@electric-sql/pglite';
import { type Db, type QueryResult, queryable, type SqlParam, toDriverParams } from './db.js';

/** Where a PGlite database lives: a directory, an in-memory copy of a dump, or fresh in memory. */
export interface PgliteDbOptions {
  /** A directory for the database files; omitted means in memory. */
  dataDir?: string;
  /** A dump made by `dumpDataDir` to start from (a copy: the dump is not changed). */
  loadDataDir?: Blob;
}

/** A PGlite {@link Db} that can also copy its files, to open again with `loadDataDir`. */
export interface PgliteDb extends Db {
  /** The database's files as one uncompressed tarball. */
  dumpDataDir(): Promise<Blob>;
}

const PARSERS = { [types.INT8]: (value: string) => BigInt(value) };

/**
 * Opens an embedded PGlite database. Transactions are serialised by PGlite itself, so two
 * requests never interleave inside one.
 *
 * @example
 * ```ts
 * const db = await openPgliteDb({ dataDir: './data/marketplace.pglite' });
 * await db.one<{ n: bigint }>('SELECT 1::bigint AS n'); // { n: 1n }
 * ```
 */
export async function openPgliteDb(options: PgliteDbOptions = {}): Promise<PgliteDb> {
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: PARSERS,
  });
  const on = (target: Pick<PGlite, 'query' | 'exec'>) =>
    queryable(
      async <T>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<T>> => {
        const result = await target.query<T>(sql, toDriverParams(params));
        return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
      },
      async (sql) => {
        await target.exec(sql);
      },
    );
  return {
    kind: 'pglite',
    ...on(pg),
    transaction: (fn) => pg.transaction((tx) => fn(on(tx))),
    close: () => pg.close(),
    dumpDataDir: () => pg.dumpDataDir('none'),
  };
}
