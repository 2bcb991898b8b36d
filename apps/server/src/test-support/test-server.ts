import { randomBytes } from 'node:crypto';
import { issueKey, type KeyRole } from '../auth/api-key.js';
import { silentLogger } from '../http/logger.js';
import { type MarketplaceServer, type MarketplaceServerOptions, startMarketplaceServer } from '../server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** Options of a test server: any server option, plus a database to share with another test server. */
export interface TestServerOptions
  extends Omit<MarketplaceServerOptions, 'port' | 'host' | 'db' | 'dataDir' | 'databaseUrl' | 'env'> {
  /** Serve this (still open) database instead of a fresh one; the caller closes it. */
  database?: TestDatabase;
}

/** A key made for a test. */
export interface TestKey {
  /** The `Authorization` header value: `Bearer {key_id}:{secret}`. */
  authorization: string;
  keyId: string;
  secret: string;
  ownerId: string;
}

/** A marketplace server on 127.0.0.1 with a database of its own. */
export interface TestServer {
  url: string;
  server: MarketplaceServer;
  database: TestDatabase;
  /** A new key of `role` (owner `<role>-<random>` unless given); returns the `Authorization` value. */
  createKey(role: KeyRole, options?: { ownerId?: string; rateLimit?: number }): Promise<string>;
  /** Like `createKey`, with the key id, secret and owner. */
  issueTestKey(role: KeyRole, options?: { ownerId?: string; rateLimit?: number }): Promise<TestKey>;
  /** `fetch(url + path, init)`. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/**
 * Starts a marketplace server on 127.0.0.1, port 0, with a fresh migrated database (see
 * `createTestDatabase`), no log output, responses checked against their schemas, and a
 * per-address rate limit so high that tests never meet it unless they set `ipRateLimit`.
 *
 * @example
 * ```ts
 * const t = await createTestServer();
 * const res = await t.fetch('/api/v1/keys/validate', { method: 'POST', headers: { authorization: await t.createKey('admin') } });
 * await t.close();
 * ```
 */
export async function createTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { database: shared, ...serverOptions } = options;
  const database = shared ?? (await createTestDatabase());
  let server: MarketplaceServer;
  try {
    server = await startMarketplaceServer({
      logger: silentLogger,
      validateResponses: true,
      ipRateLimit: { ratePerMinute: 1_000_000, burst: 1_000_000 },
      ...serverOptions,
      port: 0,
      host: '127.0.0.1',
      db: database.db,
      env: {},
    });
  } catch (error) {
    if (!shared) await database.close();
    throw error;
  }
  const issueTestKey = async (role: KeyRole, keyOptions: { ownerId?: string; rateLimit?: number } = {}) => {
    const ownerId = keyOptions.ownerId ?? `${role}-${randomBytes(4).toString('hex')}`;
    const { key, secret } = await issueKey(database.db, {
      ownerId,
      role,
      ...(keyOptions.rateLimit ? { rateLimit: keyOptions.rateLimit } : {}),
    });
    return { authorization: `Bearer ${key.keyId}:${secret}`, keyId: key.keyId, secret, ownerId };
  };
  return {
    url: server.url,
    server,
    database,
    issueTestKey,
    createKey: async (role, keyOptions) => (await issueTestKey(role, keyOptions)).authorization,
    fetch: (path, init) => fetch(`${server.url}${path}`, init),
    close: async () => {
      await server.close();
      if (!shared) await database.close();
    },
  };
}

/** A JSON body read loosely, for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests
export type JsonBody = Record<string, any>;

/**
 * A response's JSON body, typed loosely for assertions.
 *
 * @example
 * ```ts
 * expect((await readJson(res)).detail).toBe('Not Found');
 * ```
 */
export async function readJson(res: Response): Promise<JsonBody> {
  return (await res.json()) as JsonBody;
}
