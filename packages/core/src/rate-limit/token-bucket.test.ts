import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type TokenBucketRule, type TokenBucketState, takeToken } from './token-bucket.js';

const RULE = { ratePerMinute: 60, burst: 3 };

/** Calls at the given times in order; returns each outcome and the final state. */
function run(rule: TokenBucketRule, times: number[], start?: TokenBucketState) {
  let state = start;
  const outcomes = times.map((t) => {
    const result = takeToken(state, rule, t);
    state = result.state;
    return result;
  });
  return { outcomes, state };
}

describe('takeToken', () => {
  it('lets a new client spend its burst at once, then refuses with the wait until the next token', () => {
    const { outcomes } = run(RULE, [0, 0, 0, 0]);
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, false]);
    expect(outcomes.map((o) => o.retryAfterSeconds)).toEqual([0, 0, 0, 1]);
  });

  it('refills ratePerMinute / 60 000 tokens per millisecond', () => {
    const { outcomes } = run({ ratePerMinute: 6, burst: 1 }, [0, 9_999, 10_000]);
    expect(outcomes.map((o) => o.allowed)).toEqual([true, false, true]);
    expect(outcomes[1]!.retryAfterSeconds).toBe(1);
  });

  it('rounds the wait up to whole seconds', () => {
    const refused = run({ ratePerMinute: 1, burst: 1 }, [0, 1]).outcomes[1]!;
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    expect(refused.state.tokens).toBeCloseTo(1 / 60_000, 12);
  });

  it('never fills beyond burst', () => {
    const { outcomes } = run(RULE, [0, 0, 0, 10 ** 9, 10 ** 9, 10 ** 9, 10 ** 9]);
    expect(outcomes.map((o) => o.allowed)).toEqual([true, true, true, true, true, true, false]);
  });

  it('mints nothing when the clock goes backwards, and does not count the interval twice', () => {
    const { outcomes } = run({ ratePerMinute: 60, burst: 1 }, [10_000, 5_000, 9_000, 10_500, 11_000]);
    expect(outcomes.map((o) => o.allowed)).toEqual([true, false, false, false, true]);
    expect(outcomes[1]!.state.updatedAtMs).toBe(10_000);
  });

  it.each([
    { ratePerMinute: 0, burst: 1 },
    { ratePerMinute: 1, burst: 0 },
    { ratePerMinute: 1.5, burst: 1 },
    { ratePerMinute: Number.NaN, burst: 1 },
  ])('refuses the rule %o', (rule) => {
    expect(() => takeToken(undefined, rule, 0)).toThrow(
      expect.objectContaining({ code: 'invalid_rate_limit' }),
    );
  });
});

const rule = fc.record({
  ratePerMinute: fc.integer({ min: 1, max: 6000 }),
  burst: fc.integer({ min: 1, max: 50 }),
});
/** Steps of a clock that mostly moves forward, sometimes back. */
const steps = fc.array(fc.integer({ min: -5_000, max: 20_000 }), { minLength: 1, maxLength: 200 });

/** Calls at `start + d₁`, `+ d₂`… in turn; `check` sees each outcome and when it was asked. */
function walk(
  r: TokenBucketRule,
  deltas: number[],
  check: (result: ReturnType<typeof takeToken>, now: number, before: TokenBucketState | undefined) => void,
  start = 0,
): void {
  let now = start;
  let state: TokenBucketState | undefined;
  for (const d of deltas) {
    now += d;
    const before = state;
    const result = takeToken(state, r, now);
    state = result.state;
    check(result, now, before);
  }
}

describe('takeToken properties', () => {
  it('never allows more than burst + rate × elapsed over any sequence of calls', () => {
    fc.assert(
      fc.property(rule, steps, fc.integer({ min: 0, max: 10 ** 12 }), (r, deltas, t0) => {
        let first: number | undefined;
        let latest = Number.NEGATIVE_INFINITY;
        let allowed = 0;
        walk(
          r,
          deltas,
          (result, now) => {
            first ??= now; // the bucket exists from the first call on
            latest = Math.max(latest, now);
            if (result.allowed) allowed++;
            // Exact: (burst × 60 000 + rate × elapsed) / 60 000 tokens at most
            expect(allowed * 60_000).toBeLessThanOrEqual(
              r.burst * 60_000 + r.ratePerMinute * (latest - first),
            );
          },
          t0,
        );
      }),
    );
  });

  it('says truly when to come back: refused now, allowed after retryAfterSeconds', () => {
    fc.assert(
      fc.property(rule, steps, (r, deltas) => {
        walk(r, deltas.map(Math.abs), (result, now) => {
          if (result.allowed) {
            expect(result.retryAfterSeconds).toBe(0);
            return;
          }
          expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          expect(takeToken(result.state, r, now + result.retryAfterSeconds * 1000).allowed).toBe(true);
          // and not a whole second earlier, unless the wait was already under one second
          if (result.retryAfterSeconds > 1) {
            expect(takeToken(result.state, r, now + (result.retryAfterSeconds - 1) * 1000).allowed).toBe(
              false,
            );
          }
        });
      }),
    );
  });

  it('keeps tokens between 0 and burst, and never lets a refused call cost a token', () => {
    fc.assert(
      fc.property(rule, steps, (r, deltas) => {
        walk(r, deltas, (result, _now, before) => {
          expect(result.state.tokens).toBeGreaterThanOrEqual(0);
          expect(result.state.tokens).toBeLessThanOrEqual(r.burst);
          if (!result.allowed && before) expect(result.state.tokens).toBeGreaterThanOrEqual(before.tokens);
        });
      }),
    );
  });
});
