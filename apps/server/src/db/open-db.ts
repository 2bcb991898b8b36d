import { join } from 'node:path';
import type { Db } from './db.js';
import { openPgDb } from './pg-db.js';
import { openPgliteDb } from './pglite-db.js';

/** Which database to open: a Postgres URL wins; otherwise PGlite in the data dir, or in memory. */
export interface OpenDbOptions {
  /** `postgres://…`: use that server. */
  databaseUrl?: string;
  /** PGlite files go to `<dataDir>/marketplace.pglite`. */
  dataDir?: string;
}

/**
 * Opens the marketplace database (without migrating it; see `migrate`).
 *
 * @example
 * ```ts
 * const db = await openDb({ dataDir: '.tollway' }); // .tollway/marketplace.pglite
 * const pg = await openDb({ databaseUrl: process.env.DATABASE_URL });
 * ```
 */
export async function openDb(options: OpenDbOptions = {}): Promise<Db> {
  if (options.databaseUrl) return openPgDb({ databaseUrl: options.databaseUrl });
  return openPgliteDb(options.dataDir ? { dataDir: join(options.dataDir, 'marketplace.pglite') } : {});
}
