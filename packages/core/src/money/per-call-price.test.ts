import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { perCallCharge, platformFee } from './per-call-price.js';
import { formatUsdc } from './usdc.js';

describe('perCallCharge', () => {
  it('makes the first freeTierCalls calls free, then charges the price exactly', () => {
    const charge = (callsSoFar: number) =>
      perCallCharge({ pricePerCall: '0.05', freeTierCalls: 2, callsSoFar });
    expect([0, 1, 2, 3].map(charge)).toEqual([
      { amount: 0n, freeTier: true },
      { amount: 0n, freeTier: true },
      { amount: 50_000n, freeTier: false },
      { amount: 50_000n, freeTier: false },
    ]);
  });

  it('charges from the first call without a free tier, and a zero price is not a free-tier call', () => {
    expect(perCallCharge({ pricePerCall: '0.01', freeTierCalls: 0, callsSoFar: 0 })).toEqual({
      amount: 10_000n,
      freeTier: false,
    });
    expect(perCallCharge({ pricePerCall: '0', freeTierCalls: 0, callsSoFar: 5 })).toEqual({
      amount: 0n,
      freeTier: false,
    });
  });

  it.each(['0.0000001', '-0.05', '5e-2', '$0.05', ''])('refuses the price %j', (pricePerCall) => {
    expect(() => perCallCharge({ pricePerCall, freeTierCalls: 0, callsSoFar: 0 })).toThrow(
      expect.objectContaining({ code: 'invalid_amount' }),
    );
  });

  it.each([
    [-1, 0],
    [1.5, 0],
    [0, -1],
    [0, Number.NaN],
  ])('refuses freeTierCalls %s with callsSoFar %s', (freeTierCalls, callsSoFar) => {
    expect(() => perCallCharge({ pricePerCall: '0.05', freeTierCalls, callsSoFar })).toThrow(
      expect.objectContaining({ code: 'invalid_count' }),
    );
  });

  it('charges exactly the decimal given, for any price and any way of writing it', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.nat(6),
        fc.nat(1000),
        fc.nat(1000),
        (units, drop, free, sofar) => {
          // '1.230000' → '1.23', '1.23', … as long as only zeros are dropped
          let text = formatUsdc(units);
          for (let i = 0; i < drop && text.endsWith('0') && !text.endsWith('.0'); i++)
            text = text.slice(0, -1);
          const charge = perCallCharge({ pricePerCall: text, freeTierCalls: free, callsSoFar: sofar });
          expect(charge).toEqual(
            sofar < free ? { amount: 0n, freeTier: true } : { amount: units, freeTier: false },
          );
        },
      ),
    );
  });
});

describe('platformFee', () => {
  it("matches the reference's settlement: 10 % of 10.50 is 1.05, net 9.45", () => {
    expect(platformFee(10_500_000n, 1000)).toEqual({ fee: 1_050_000n, net: 9_450_000n });
  });

  it('rounds the fee up, so the sub-unit remainder goes to the platform', () => {
    expect(platformFee(1n, 250)).toEqual({ fee: 1n, net: 0n });
    expect(platformFee(333n, 1000)).toEqual({ fee: 34n, net: 299n });
    expect(platformFee(0n, 1000)).toEqual({ fee: 0n, net: 0n });
    expect(platformFee(123n, 0)).toEqual({ fee: 0n, net: 123n });
    expect(platformFee(123n, 10_000)).toEqual({ fee: 123n, net: 0n });
  });

  it.each([
    [-1n, 100],
    [1n, -1],
    [1n, 10_001],
    [1n, 2.5],
  ])('refuses gross %s at %s basis points', (gross, bps) => {
    expect(() => platformFee(gross, bps)).toThrow(expect.objectContaining({ code: 'invalid_fee' }));
  });

  it('splits every amount exactly: fee + net = gross, fee ≤ gross, fee is the exact share rounded up', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        fc.integer({ min: 0, max: 10_000 }),
        (gross, bps) => {
          const { fee, net } = platformFee(gross, bps);
          expect(fee + net).toBe(gross);
          expect(fee <= gross && fee >= 0n && net >= 0n).toBe(true);
          // the smallest whole fee that is not below gross × bps / 10 000
          expect(fee * 10_000n >= gross * BigInt(bps)).toBe(true);
          expect((fee - 1n) * 10_000n < gross * BigInt(bps)).toBe(true);
        },
      ),
    );
  });
});
