import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { openPgDb } from '../db/pg-db.js';
import { openPgliteDb } from '../db/pglite-db.js';

/** A migrated database of its own for one test server. */
export interface TestDatabase {
  db: Db;
  /** The Postgres URL when on Postgres. */
  databaseUrl?: string;
  /** Closes it and, on Postgres, drops it. */
  close(): Promise<void>;
}

/**
 * A fresh, migrated database: on Postgres when `TOLLWAY_TEST_DATABASE_URL` is set (a new
 * `tollway_test_<random>` database, dropped on close), otherwise PGlite loaded from a migrated
 * template. The template is built once per set of migrations and cached in the system's
 * temporary directory, so a test server starts in well under a second.
 *
 * @example
 * ```ts
 * const { db, close } = await createTestDatabase();
 * await db.many('SELECT * FROM api_keys'); // []
 * await close();
 * ```
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TOLLWAY_TEST_DATABASE_URL;
  if (adminUrl) return createPostgresTestDatabase(adminUrl);
  const db = await openPgliteDb({ loadDataDir: await templateDump() });
  return { db, close: () => db.close() };
}

let template: Promise<Blob> | undefined;

function templateDump(): Promise<Blob> {
  template ??= loadOrBuildTemplate().catch((error) => {
    template = undefined;
    throw error;
  });
  return template;
}

async function loadOrBuildTemplate(): Promise<Blob> {
  const hash = createHash('sha256');
  for (const m of MIGRATIONS) hash.update(`${m.version}\0${m.name}\0${m.sql}\0`);
  const file = join(tmpdir(), `tollway-marketplace-template-${hash.digest('hex').slice(0, 16)}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const db = await openPgliteDb();
    try {
      await migrate(db);
      const dump = await db.dumpDataDir();
      // Written under a unique name and renamed, so parallel test workers never read half a file.
      const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
      await writeFile(partial, new Uint8Array(await dump.arrayBuffer()));
      await rename(partial, file);
      return dump;
    } finally {
      await db.close();
    }
  }
}

async function createPostgresTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `tollway_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPgDb({ databaseUrl: url.toString(), max: 5 });
  await migrate(db);
  return {
    db,
    databaseUrl: url.toString(),
    close: async () => {
      await db.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
