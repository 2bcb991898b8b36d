import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import type { AppDeps } from './app-deps.js';
import { provisionAdminKey } from './auth/admin-key.js';
import {
  newControlToken,
  readLiveControl,
  removeControlFile,
  writeControlFile,
} from './control/control-file.js';
import { mountControlRoutes } from './control/control-routes.js';
import type { Db } from './db/db.js';
import { migrate } from './db/migrate.js';
import { openDb } from './db/open-db.js';
import { jsonLogger, type Logger } from './http/logger.js';
import type { RouteRegistry } from './http/route-registry.js';
import { createSafeFetch } from './net/safe-fetch.js';
import { createDbRateLimiter } from './rate-limit/marketplace-rate-limiter.js';
import type { IpRateLimit } from './rate-limit/rate-limiter.js';
import type { RegisterRoutes } from './routes/index.js';
import { SERVER_VERSION } from './version.js';
import { createWebhookWorker, type WebhookDeliverySettings } from './webhooks/delivery-worker.js';

/** How to start the marketplace server. Unset values come from `env` where noted, else defaults. */
export interface MarketplaceServerOptions {
  /** Default 8000; 0 picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** PGlite files go to `<dataDir>/marketplace.pglite`; without it (and without a URL) in memory. */
  dataDir?: string;
  /** `postgres://…`; default `env.DATABASE_URL`. */
  databaseUrl?: string;
  /** Internal hosts outbound calls may reach; default `env.TOLLWAY_ALLOWED_INTERNAL_HOSTS` (comma-separated). */
  allowInternalHosts?: readonly string[];
  /** Count clients by the first `X-Forwarded-For` address (only behind your own reverse proxy). */
  trustProxy?: boolean;
  logger?: Logger;
  /** `<key_id>:<secret>` of an admin key to create if missing; default `env.TOLLWAY_ADMIN_KEY`. */
  adminKey?: string;
  /** Per-address limit (default 60 a minute, bursts of 120). */
  ipRateLimit?: IpRateLimit;
  /** Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Check JSON responses against their route's schema (tests). */
  validateResponses?: boolean;
  /** An open database to use instead of opening one: migrated at start, left open by `close()`. */
  db?: Db;
  /** The route groups to serve (default: every group of the marketplace). */
  routeGroups?: readonly RegisterRoutes[];
  /** The clock (default `Date.now`). */
  now?: () => number;
  /** Environment to read defaults from (default `process.env`; tests pass `{}`). */
  env?: Record<string, string | undefined>;
  /** Tuning of the webhook delivery worker, or `false` to run none on this instance. */
  webhookDelivery?: WebhookDeliverySettings | false;
}

/** A running marketplace server. */
export interface MarketplaceServer {
  /** `http://host:port`, without a trailing slash. */
  url: string;
  port: number;
  /** The declared routes (for tests that walk every route). */
  registry: RouteRegistry;
  deps: AppDeps;
  /** Stops listening, ends open connections and closes the database it opened. */
  close(): Promise<void>;
}

/**
 * Opens and migrates the database, provisions `TOLLWAY_ADMIN_KEY`, and serves the Agent
 * Commerce API under `/api/v1` on `host:port`.
 *
 * @example
 * ```ts
 * const server = await startMarketplaceServer({ port: 8000, dataDir: '.tollway' });
 * console.log(`${server.url}/docs`);
 * await server.close();
 * ```
 */
export async function startMarketplaceServer(
  options: MarketplaceServerOptions = {},
): Promise<MarketplaceServer> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? jsonLogger();
  const now = options.now ?? Date.now;
  const databaseUrl = options.databaseUrl ?? env.DATABASE_URL;
  // PGlite is one process's database: a second server (or the CLI) on the same data dir would
  // corrupt it, so the running server announces itself in a control file and CLI commands such
  // as `server admin-key` ask it instead of opening the files.
  const controlDir = !options.db && !databaseUrl ? options.dataDir : undefined;
  if (controlDir) {
    const running = await readLiveControl(controlDir);
    if (running) {
      throw new Error(
        `a marketplace server (pid ${running.pid}, ${running.url}) is already using ${controlDir}; stop it first or use another data dir`,
      );
    }
  }
  const controlToken = newControlToken();
  const db =
    options.db ??
    (await openDb({
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    }));
  try {
    await migrate(db);
    const adminKey = options.adminKey ?? env.TOLLWAY_ADMIN_KEY;
    if (adminKey) await provisionAdminKey(db, adminKey, logger);
  } catch (error) {
    if (!options.db) await db.close();
    throw error;
  }
  const deps = createDeps(db, { ...options, logger, now, env });
  const { app, registry } = createApp(deps, options.routeGroups);
  if (controlDir) mountControlRoutes(app, deps, controlToken);
  const host = options.host ?? '127.0.0.1';
  const server = serve({ fetch: app.fetch, port: options.port ?? 8000, hostname: host });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    if (!options.db) await db.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const pruning = setInterval(() => {
    deps.rateLimiter
      .prune()
      .catch((error) => logger.warn('rate limit pruning failed', { error: String(error) }));
  }, 60_000);
  pruning.unref();
  const webhooks =
    options.webhookDelivery === false ? undefined : createWebhookWorker(deps, options.webhookDelivery);
  webhooks?.start();
  if (controlDir) {
    const loopback = host === '0.0.0.0' || host === '::' ? `http://127.0.0.1:${port}` : url;
    await writeControlFile(controlDir, { pid: process.pid, url: loopback, token: controlToken });
  }
  logger.info('marketplace server listening', { url, database: db.kind });
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    registry,
    deps,
    close: () => {
      closing ??= (async () => {
        clearInterval(pruning);
        await webhooks?.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        if (!options.db) await db.close();
        if (controlDir) await removeControlFile(controlDir, controlToken);
      })();
      return closing;
    },
  };
}

/**
 * The dependencies of the app for a database and server options (defaults as in
 * {@link startMarketplaceServer}); for tests that drive `createApp` without a socket.
 *
 * @example
 * ```ts
 * const { app } = createApp(createDeps(db, { logger: silentLogger }));
 * ```
 */
export function createDeps(db: Db, options: MarketplaceServerOptions = {}): AppDeps {
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const allowInternalHosts =
    options.allowInternalHosts ??
    (env.TOLLWAY_ALLOWED_INTERNAL_HOSTS ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean);
  return {
    db,
    logger: options.logger ?? jsonLogger(),
    now,
    config: {
      version: SERVER_VERSION,
      bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
      trustProxy: options.trustProxy ?? false,
      allowInternalHosts,
      validateResponses: options.validateResponses ?? false,
    },
    fetch: createSafeFetch({ allowInternalHosts }),
    rateLimiter: createDbRateLimiter(db, {
      ...(options.ipRateLimit ? { ip: options.ipRateLimit } : {}),
      now,
    }),
  };
}
