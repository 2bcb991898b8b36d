import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FixedWindowState, fixedWindow } from './fixed-window.js';

function run(limit: number, times: number[]) {
  let state: FixedWindowState | undefined;
  return times.map((t) => {
    const result = fixedWindow(state, limit, t);
    state = result.state;
    return result;
  });
}

describe('fixedWindow', () => {
  it('allows the limit in a window opened by the first call, and says when it ends', () => {
    const outcomes = run(2, [1_000, 30_000, 30_500, 60_999, 61_000]);
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, false, false, true]);
    expect(outcomes.map((o) => o.retryAfterSeconds)).toEqual([0, 0, 31, 1, 0]);
    expect(outcomes[4]!.state).toEqual({ windowStartMs: 61_000, count: 1 });
  });

  it('does not count refused calls', () => {
    const outcomes = run(1, [0, 1, 2, 3]);
    expect(outcomes.at(-1)!.state).toEqual({ windowStartMs: 0, count: 1 });
  });

  it('stays in the current window when the clock goes backwards', () => {
    const outcomes = run(1, [100_000, 50_000]);
    expect(outcomes[1]).toMatchObject({ allowed: false, state: { windowStartMs: 100_000, count: 1 } });
  });

  it('refuses everything at limit 0, and refuses a limit that is not a whole number', () => {
    expect(fixedWindow(undefined, 0, 5)).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    expect(() => fixedWindow(undefined, 1.5, 0)).toThrow(
      expect.objectContaining({ code: 'invalid_rate_limit' }),
    );
    expect(() => fixedWindow(undefined, -1, 0)).toThrow(
      expect.objectContaining({ code: 'invalid_rate_limit' }),
    );
  });

  it('never allows more than the limit inside one window, and its retry time is honest', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 200 }),
        (limit, deltas) => {
          let now = 0;
          let state: FixedWindowState | undefined;
          const perWindow = new Map<number, number>();
          for (const d of deltas) {
            now += d;
            const result = fixedWindow(state, limit, now);
            state = result.state;
            if (result.allowed) {
              perWindow.set(state.windowStartMs, (perWindow.get(state.windowStartMs) ?? 0) + 1);
            } else {
              expect(fixedWindow(state, limit, now + result.retryAfterSeconds * 1000).allowed).toBe(true);
            }
          }
          for (const n of perWindow.values()) expect(n).toBeLessThanOrEqual(limit);
        },
      ),
    );
  });
});
