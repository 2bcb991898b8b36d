/** The answer of a rate limit: go ahead, or wait this many seconds. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts requests per client address and per API key. */
export interface RateLimiter {
  /** Takes one request from the client address's budget. */
  takeIp(ip: string): Promise<RateDecision>;
  /** Takes one request from the key's budget of `limitPerMinute`. */
  takeKey(keyId: string, limitPerMinute: number): Promise<RateDecision>;
  /** Deletes buckets nobody has used for a while. */
  prune(): Promise<void>;
}

/** Client address limits: a token bucket refilled at `ratePerMinute`, holding at most `burst`. */
export interface IpRateLimit {
  ratePerMinute: number;
  burst: number;
}

/** The documented defaults: 60 requests a minute per address, bursts of up to 120. */
export const DEFAULT_IP_RATE_LIMIT: IpRateLimit = { ratePerMinute: 60, burst: 120 };

/**
 * A limiter that admits everything (for embedding the app behind another limiter).
 *
 * @example
 * ```ts
 * const deps = { ...otherDeps, rateLimiter: unlimited };
 * ```
 */
export const unlimited: RateLimiter = {
  takeIp: async () => ({ allowed: true }),
  takeKey: async () => ({ allowed: true }),
  prune: async () => {},
};
