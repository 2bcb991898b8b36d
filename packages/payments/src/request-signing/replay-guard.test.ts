import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplayGuard } from './replay-guard.js';

describe('ReplayGuard', () => {
  it('refuses a key seen within the window and accepts it again after', () => {
    const guard = new ReplayGuard({ windowMs: 1000 });
    expect(guard.remember('a', 0)).toBe(true);
    expect(guard.remember('a', 1000)).toBe(false);
    expect(guard.remember('b', 500)).toBe(true);
    expect(guard.remember('a', 1001)).toBe(true);
    expect(guard.remember('b', 1001)).toBe(false);
  });

  it('drops expired keys as new ones arrive', () => {
    const guard = new ReplayGuard({ windowMs: 1000 });
    for (let i = 0; i < 10; i++) guard.remember(`k${i}`, i);
    expect(guard.size).toBe(10);
    guard.remember('late', 1005);
    // k0..k4 (seen at 0..4) are past their window; k5..k9 and 'late' are not.
    expect(guard.size).toBe(6);
  });

  it('forgets the oldest key first beyond maxEntries', () => {
    const guard = new ReplayGuard({ windowMs: 60_000, maxEntries: 2 });
    expect(guard.remember('a', 0)).toBe(true);
    expect(guard.remember('b', 1)).toBe(true);
    expect(guard.remember('c', 2)).toBe(true);
    expect(guard.size).toBe(2);
    expect(guard.remember('b', 3)).toBe(false);
    expect(guard.remember('c', 3)).toBe(false);
    expect(guard.remember('a', 3)).toBe(true); // forgotten, so new again; this evicts b
    expect(guard.remember('b', 4)).toBe(true);
  });

  it('keeps a key until keepUntil when that is later than the window', () => {
    const guard = new ReplayGuard({ windowMs: 1000 });
    expect(guard.remember('a', 0, 5000)).toBe(true);
    expect(guard.remember('a', 5000)).toBe(false);
    expect(guard.remember('a', 5001)).toBe(true);
    expect(guard.remember('b', 0, -10)).toBe(true);
    expect(guard.remember('b', 1000)).toBe(false);
  });

  it('never accepts a key twice within the window, whatever else happens (model check)', () => {
    const step = fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd'), advance: fc.nat(400) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const guard = new ReplayGuard({ windowMs: 1000, maxEntries: 10 });
        const lastAccepted = new Map<string, number>();
        let now = 0;
        for (const { key, advance } of steps) {
          now += advance;
          const last = lastAccepted.get(key);
          const expected = last === undefined || now - last > 1000;
          expect(guard.remember(key, now)).toBe(expected);
          if (expected) lastAccepted.set(key, now);
        }
      }),
    );
  });

  it('refuses nonsense limits', () => {
    expect(() => new ReplayGuard({ maxEntries: 0 })).toThrow(RangeError);
    expect(() => new ReplayGuard({ windowMs: Number.NaN })).toThrow(RangeError);
  });
});
