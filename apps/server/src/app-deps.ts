import type { Db } from './db/db.js';
import type { Logger } from './http/logger.js';
import type { SafeFetch } from './net/safe-fetch.js';
import type { RateLimiter } from './rate-limit/rate-limiter.js';

/** Settings fixed when the server starts. */
export interface ServerConfig {
  /** Version shown by `GET /`. */
  version: string;
  /** Largest request body in bytes unless a route sets its own (default 1 MiB). */
  bodyLimitBytes: number;
  /** Read the client address from the first `X-Forwarded-For` entry (only behind a proxy you run). */
  trustProxy: boolean;
  /** Host names or addresses outbound calls may reach although they are internal. */
  allowInternalHosts: readonly string[];
  /** Check every JSON response against its route's response schema (tests and development). */
  validateResponses: boolean;
}

/**
 * Everything a route group needs, passed to each `register…Routes(registry, deps)`.
 * Route code reaches the outside world only through these.
 */
export interface AppDeps {
  db: Db;
  config: ServerConfig;
  logger: Logger;
  /** Milliseconds since the epoch; replaced in tests that need a fixed clock. */
  now: () => number;
  /** Outbound HTTP with the SSRF guard and `config.allowInternalHosts` applied. */
  fetch: SafeFetch;
  rateLimiter: RateLimiter;
}
