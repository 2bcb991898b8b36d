/** Limits of a {@link ReplayGuard}. */
export interface ReplayGuardOptions {
  /** How long a key is remembered, ms; default 5 minutes. */
  windowMs?: number;
  /** How many keys are remembered at most; the oldest are forgotten first. Default 100 000. */
  maxEntries?: number;
}

/**
 * Remembers keys (a buyer and a nonce) for a time window, to refuse a request seen before.
 * Memory is bounded: keys older than the window are dropped as new ones arrive, and beyond
 * `maxEntries` the oldest key is forgotten first. Time is passed in, so it is tested without a clock.
 *
 * @example
 * ```ts
 * const guard = new ReplayGuard({ windowMs: 60_000 });
 * guard.remember('buyer:nonce', Date.now()); // true: first time
 * guard.remember('buyer:nonce', Date.now()); // false: a replay
 * ```
 */
export class ReplayGuard {
  /** How long a key is remembered, ms. */
  readonly windowMs: number;
  /** How many keys are remembered at most. */
  readonly maxEntries: number;
  // Key → the time until which it counts as seen. Insertion order is nearly expiry order, so
  // expired keys gather at the front, where each call drops them.
  readonly #seen = new Map<string, number>();

  constructor(options: ReplayGuardOptions = {}) {
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    if (!(this.windowMs >= 0) || !Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError('ReplayGuard: windowMs must be >= 0 and maxEntries a positive integer');
    }
  }

  /** How many keys are remembered now. */
  get size(): number {
    return this.#seen.size;
  }

  /**
   * True when `key` is new (and remembers it as seen at `now`), false when it was seen no more
   * than `windowMs` before `now`.
   *
   * @param keepUntil remember the key at least until this time, if later than `now + windowMs`
   *   (a request dated ahead of the clock stays acceptable, and so replayable, for longer).
   */
  remember(key: string, now: number, keepUntil?: number): boolean {
    for (const [oldKey, until] of this.#seen) {
      if (now <= until) break;
      this.#seen.delete(oldKey);
    }
    const until = this.#seen.get(key);
    if (until !== undefined && now <= until) return false;
    this.#seen.delete(key);
    this.#seen.set(key, Math.max(now + this.windowMs, keepUntil ?? Number.NEGATIVE_INFINITY));
    for (const oldKey of this.#seen.keys()) {
      if (this.#seen.size <= this.maxEntries) break;
      this.#seen.delete(oldKey);
    }
    return true;
  }
}
