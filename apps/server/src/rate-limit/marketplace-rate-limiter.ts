import { type FixedWindowState, fixedWindow, type TokenBucketState, takeToken } from '@tollway/core';
import type { Db } from '../db/db.js';
import { pruneBuckets, takeFromBucket } from './db-rate-limiter.js';
import { DEFAULT_IP_RATE_LIMIT, type IpRateLimit, type RateLimiter } from './rate-limiter.js';

const MINUTE_MS = 60_000;

/**
 * The marketplace's limits, with their counters in the database so that every instance on one
 * database shares them: a token bucket per client address (`ip`, default 60 a minute with bursts
 * of 120) and a fixed one-minute window per API key (its `rate_limit`).
 *
 * @example
 * ```ts
 * const limiter = createDbRateLimiter(db, { ip: { ratePerMinute: 60, burst: 120 } });
 * await limiter.takeIp('203.0.113.9'); // { allowed: true }
 * ```
 */
export function createDbRateLimiter(
  db: Db,
  options: { ip?: IpRateLimit; now?: () => number } = {},
): RateLimiter {
  const ip = options.ip ?? DEFAULT_IP_RATE_LIMIT;
  const now = options.now ?? Date.now;
  // Long enough for an emptied bucket to refill completely, after which a missing row means the same.
  const ipKeepMs = Math.ceil((ip.burst / ip.ratePerMinute) * MINUTE_MS) + MINUTE_MS;
  return {
    takeIp: (address) =>
      takeFromBucket<TokenBucketState>(
        db,
        `ip:${address}`,
        (state, nowMs) => takeToken(state, ip, nowMs),
        now(),
        ipKeepMs,
      ),
    takeKey: (keyId, limitPerMinute) =>
      takeFromBucket<FixedWindowState>(
        db,
        `key:${keyId}`,
        (state, nowMs) => fixedWindow(state, limitPerMinute, nowMs),
        now(),
        2 * MINUTE_MS,
      ),
    prune: () => pruneBuckets(db, now()),
  };
}
