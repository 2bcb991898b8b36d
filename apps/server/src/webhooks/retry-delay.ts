/** The documented retry schedule's first delay: 1 s, then 2 s, then 4 s. */
export const DEFAULT_WEBHOOK_BACKOFF_MS = 1000;

/** Deliveries tried at most: the first attempt and the documented 3 retries. */
export const WEBHOOK_MAX_ATTEMPTS = 4;

/**
 * How long to wait after the `attemptsMade`-th failed attempt before the next one: `baseMs`,
 * doubled after each further failure (1 s, 2 s, 4 s with the documented 1 s base).
 *
 * @example
 * ```ts
 * [1, 2, 3].map((n) => retryDelayMs(n, 1000)); // [1000, 2000, 4000]
 * ```
 */
export function retryDelayMs(attemptsMade: number, baseMs: number = DEFAULT_WEBHOOK_BACKOFF_MS): number {
  return baseMs * 2 ** Math.max(0, attemptsMade - 1);
}
