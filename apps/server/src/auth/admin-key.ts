import { readLiveControl } from '../control/control-file.js';
import type { Db } from '../db/db.js';
import { migrate } from '../db/migrate.js';
import { openDb } from '../db/open-db.js';
import type { Logger } from '../http/logger.js';
import { issueKey, parseBearer } from './api-key.js';
import { hashSecret } from './key-secret.js';

/** Where the database is, as for `startMarketplaceServer`. */
export interface AdminKeyOptions {
  dataDir?: string;
  databaseUrl?: string;
  /** Owner of the new key (default `admin`). */
  ownerId?: string;
}

/**
 * Creates an admin key in the server's database (migrating it first), for the CLI's
 * `tollway server admin-key --data-dir DIR`. The secret is returned once and stored only hashed.
 * When a server is running on the PGlite data dir, it is asked to create the key (PGlite is one
 * process's database); otherwise the database is opened directly.
 *
 * @example
 * ```ts
 * const { key_id, secret } = await createAdminKey({ dataDir: '.tollway' });
 * // Authorization: Bearer ${key_id}:${secret}
 * ```
 */
export async function createAdminKey(
  options: AdminKeyOptions = {},
): Promise<{ key_id: string; secret: string }> {
  const running =
    !options.databaseUrl && options.dataDir ? await readLiveControl(options.dataDir) : undefined;
  if (running) {
    const res = await fetch(`${running.url}/internal/admin-key`, {
      method: 'POST',
      headers: { authorization: `Bearer ${running.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ owner_id: options.ownerId ?? 'admin' }),
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status !== 201) {
      throw new Error(
        `the marketplace server running on ${options.dataDir} (pid ${running.pid}) refused: HTTP ${res.status}`,
      );
    }
    return (await res.json()) as { key_id: string; secret: string };
  }
  const db = await openDb(options);
  try {
    await migrate(db);
    const { key, secret } = await issueKey(db, { ownerId: options.ownerId ?? 'admin', role: 'admin' });
    return { key_id: key.keyId, secret };
  } finally {
    await db.close();
  }
}

/**
 * Makes sure the admin key given as `<key_id>:<secret>` (the `TOLLWAY_ADMIN_KEY` variable)
 * exists: created when missing, left alone when present. Returns what it did.
 *
 * @example
 * ```ts
 * await provisionAdminKey(db, process.env.TOLLWAY_ADMIN_KEY!, logger); // 'created'
 * ```
 */
export async function provisionAdminKey(
  db: Db,
  value: string,
  logger: Logger,
): Promise<'created' | 'exists' | 'conflict'> {
  const credentials = parseBearer(`Bearer ${value.trim()}`);
  if (!credentials || !/^[\w-]{8,64}$/.test(credentials.keyId) || credentials.secret.length < 32) {
    throw new Error(
      'TOLLWAY_ADMIN_KEY must be <key_id>:<secret> with a key id of 8–64 letters, digits, _ or - and a secret of at least 32 characters',
    );
  }
  const existing = await db.one<{ secret_hash: string; role: string }>(
    'SELECT secret_hash, role FROM api_keys WHERE key_id = $1',
    [credentials.keyId],
  );
  if (!existing) {
    await issueKey(db, {
      ownerId: 'admin',
      role: 'admin',
      keyId: credentials.keyId,
      secret: credentials.secret,
    });
    logger.info('admin key created from TOLLWAY_ADMIN_KEY', { keyId: credentials.keyId });
    return 'created';
  }
  if (existing.role !== 'admin' || existing.secret_hash !== hashSecret(credentials.secret)) {
    logger.warn('TOLLWAY_ADMIN_KEY names an existing key with another secret or role; left unchanged', {
      keyId: credentials.keyId,
    });
    return 'conflict';
  }
  return 'exists';
}
