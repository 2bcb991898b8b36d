import { TollwayError } from '../errors/tollway-error.js';

/** One client's window, as stored between calls. */
export interface FixedWindowState {
  /** When the current window began, in milliseconds. */
  windowStartMs: number;
  /** Calls allowed in it so far. */
  count: number;
}

/** Outcome of {@link fixedWindow}. */
export interface FixedWindowResult {
  allowed: boolean;
  /** The state to store (refused calls are not counted). */
  state: FixedWindowState;
  /** 0 when allowed; otherwise the whole seconds, at least 1, until the window ends. */
  retryAfterSeconds: number;
}

const WINDOW_MS = 60_000;

/**
 * The marketplace reference's per-key limit: at most `limitPerMinute` calls in a 60-second
 * window that opens with a client's first call after the previous one closed. Refused calls do
 * not count. A clock that goes backwards stays in the current window.
 *
 * A fixed window lets a client make up to twice the limit across a window's edge (the end of
 * one and the start of the next); where that matters, use {@link takeToken}, whose burst is
 * explicit. Throws `TollwayError` `invalid_rate_limit` unless the limit is a whole number ≥ 0.
 *
 * @example
 * ```ts
 * const { allowed, state, retryAfterSeconds } = fixedWindow(await store.get(keyId), key.rateLimit, Date.now());
 * await store.set(keyId, state);
 * if (!allowed) return c.json({ detail: 'Rate limit exceeded.' }, 429, { 'Retry-After': String(retryAfterSeconds) });
 * ```
 */
export function fixedWindow(
  state: FixedWindowState | undefined,
  limitPerMinute: number,
  nowMs: number,
): FixedWindowResult {
  if (!Number.isSafeInteger(limitPerMinute) || limitPerMinute < 0) {
    throw new TollwayError(
      'invalid_rate_limit',
      `A limit per minute must be a whole number, not ${limitPerMinute}.`,
    );
  }
  const current =
    state === undefined || nowMs >= state.windowStartMs + WINDOW_MS
      ? { windowStartMs: nowMs, count: 0 }
      : state;
  if (current.count < limitPerMinute) {
    return {
      allowed: true,
      state: { windowStartMs: current.windowStartMs, count: current.count + 1 },
      retryAfterSeconds: 0,
    };
  }
  return {
    allowed: false,
    state: current,
    retryAfterSeconds: Math.max(1, Math.ceil((current.windowStartMs + WINDOW_MS - nowMs) / 1000)),
  };
}
