import { TollwayError } from '../errors/tollway-error.js';

/** A token bucket: `burst` calls at once, refilled at `ratePerMinute`. */
export interface TokenBucketRule {
  /** Tokens added per minute; a positive whole number. */
  ratePerMinute: number;
  /** The bucket's size, and what a new client starts with; a whole number of at least 1. */
  burst: number;
}

/** One client's bucket, as stored between calls. */
export interface TokenBucketState {
  /** Tokens left, possibly fractional. */
  tokens: number;
  /** The latest time the bucket has been refilled to, in milliseconds. */
  updatedAtMs: number;
}

/** Outcome of {@link takeToken}. */
export interface TokenBucketResult {
  allowed: boolean;
  /** The state to store, whether the call was allowed or not. */
  state: TokenBucketState;
  /** 0 when allowed; otherwise the whole seconds, at least 1, until a token is there (`Retry-After`). */
  retryAfterSeconds: number;
}

const MS_PER_MINUTE = 60_000;

/**
 * Takes one token from a client's bucket, refilling it first for the time passed. A new client
 * (`state` undefined) starts full, with `burst` tokens; the bucket refills `ratePerMinute / 60 000`
 * tokens per millisecond up to `burst`. A clock that goes backwards refills nothing, and the
 * bucket keeps its later time, so the same interval is never counted twice.
 *
 * The arithmetic is exact: tokens are counted internally in sixty-thousandths, so whole-number
 * rules and millisecond clocks never round in a client's favour (fractions of a millisecond
 * are dropped). Throws `TollwayError` `invalid_rate_limit` for a rule that is not whole
 * positive numbers.
 *
 * @example
 * ```ts
 * const rule = { ratePerMinute: 60, burst: 120 };
 * const { allowed, state, retryAfterSeconds } = takeToken(await store.get(key), rule, Date.now());
 * await store.set(key, state);
 * if (!allowed) return c.json({ detail: 'Rate limit exceeded.' }, 429, { 'Retry-After': String(retryAfterSeconds) });
 * ```
 */
export function takeToken(
  state: TokenBucketState | undefined,
  rule: TokenBucketRule,
  nowMs: number,
): TokenBucketResult {
  checkRule(rule);
  const now = Math.floor(nowMs);
  const capacity = rule.burst * MS_PER_MINUTE;
  if (state === undefined) return take(capacity, now, rule);
  const last = Math.floor(state.updatedAtMs);
  const stored = Math.min(capacity, Math.max(0, Math.round(state.tokens * MS_PER_MINUTE)));
  if (now <= last) return take(stored, last, rule);
  return take(Math.min(capacity, stored + (now - last) * rule.ratePerMinute), now, rule);
}

/** Takes a token from `units` sixty-thousandths of tokens held at time `at`. */
function take(units: number, at: number, rule: TokenBucketRule): TokenBucketResult {
  if (units >= MS_PER_MINUTE) {
    return {
      allowed: true,
      state: { tokens: (units - MS_PER_MINUTE) / MS_PER_MINUTE, updatedAtMs: at },
      retryAfterSeconds: 0,
    };
  }
  // A token appears after ceil(missing / rate) ms; the answer is in whole seconds, rounded up.
  const waitMs = Math.ceil((MS_PER_MINUTE - units) / rule.ratePerMinute);
  return {
    allowed: false,
    state: { tokens: units / MS_PER_MINUTE, updatedAtMs: at },
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  };
}

function checkRule(rule: TokenBucketRule): void {
  const { ratePerMinute, burst } = rule;
  if (
    !Number.isSafeInteger(ratePerMinute) ||
    ratePerMinute < 1 ||
    !Number.isSafeInteger(burst) ||
    burst < 1
  ) {
    throw new TollwayError(
      'invalid_rate_limit',
      `A token bucket needs whole positive numbers, not ratePerMinute ${ratePerMinute} and burst ${burst}.`,
    );
  }
}
