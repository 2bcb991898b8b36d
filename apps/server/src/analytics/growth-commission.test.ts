import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GROWTH_TIERS, growthCommission, rateString } from './growth-commission.js';

const at = (iso: string) => new Date(iso);

describe('growthCommission', () => {
  it('is the standard rate before any service is registered', () => {
    expect(growthCommission(null, at('2026-03-19T00:00:00Z'))).toEqual({
      registered: false,
      bps: 1000,
      label: 'Standard',
    });
  });

  it('is free in month 1, 5 % in months 2–3 and 10 % from month 4', () => {
    const registered = at('2026-03-01T00:00:00Z');
    expect(growthCommission(registered, at('2026-03-19T00:00:00Z'))).toEqual({
      registered: true,
      bps: 0,
      label: 'Month 1 (Free)',
      registeredAt: registered,
      monthNumber: 1,
      nextTierAt: at('2026-04-01T00:00:00Z'),
      nextTierBps: 500,
    });
    const month2 = growthCommission(registered, at('2026-04-01T00:00:00Z'));
    expect([month2.bps, month2.registered && month2.monthNumber]).toEqual([500, 2]);
    expect(month2.registered && month2.nextTierAt).toEqual(at('2026-06-01T00:00:00Z'));
    const month3 = growthCommission(registered, at('2026-05-31T23:59:59Z'));
    expect([month3.bps, month3.registered && month3.monthNumber]).toEqual([500, 3]);
    const month4 = growthCommission(registered, at('2026-06-01T00:00:00Z'));
    expect(month4).toMatchObject({ bps: 1000, monthNumber: 4, nextTierAt: null, nextTierBps: null });
  });

  it('counts months from a 31st on the last day of shorter months', () => {
    const registered = at('2026-01-31T10:00:00Z');
    expect(growthCommission(registered, at('2026-02-28T09:59:59Z'))).toMatchObject({ monthNumber: 1 });
    expect(growthCommission(registered, at('2026-02-28T10:00:00Z'))).toMatchObject({
      monthNumber: 2,
      bps: 500,
    });
  });

  it('never lowers the rate as time passes', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 200 }),
        (registered, days, more) => {
          const earlier = growthCommission(registered, new Date(registered.getTime() + days * 86_400_000));
          const later = growthCommission(
            registered,
            new Date(registered.getTime() + (days + more) * 86_400_000),
          );
          expect(later.bps).toBeGreaterThanOrEqual(earlier.bps);
          expect(GROWTH_TIERS.map((t) => t.bps)).toContain(later.bps);
        },
      ),
    );
  });
});

describe('rateString', () => {
  it('writes basis points as the reference rate strings', () => {
    expect([0, 500, 1000, 1250, 10_000, 1].map(rateString)).toEqual([
      '0.00',
      '0.05',
      '0.10',
      '0.125',
      '1.00',
      '0.0001',
    ]);
  });
});
