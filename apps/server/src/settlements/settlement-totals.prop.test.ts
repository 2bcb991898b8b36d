import { platformFee } from '@tollway/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settlementTotals } from './settlement-totals.js';

const group = fc.record({
  bps: fc.integer({ min: 0, max: 10_000 }),
  gross: fc.bigInt({ min: 0n, max: 10n ** 15n }),
});

describe('settlementTotals', () => {
  it('adds up: fee + net = total, the fee never below the exact share nor a unit per rate above it', () => {
    fc.assert(
      fc.property(fc.array(group, { maxLength: 8 }), (groups) => {
        const { total, fee, net } = settlementTotals(groups);
        expect(total).toBe(groups.reduce((sum, g) => sum + g.gross, 0n));
        expect(fee + net).toBe(total);
        const exactTimes10k = groups.reduce((sum, g) => sum + g.gross * BigInt(g.bps), 0n);
        expect(fee * 10_000n >= exactTimes10k).toBe(true);
        expect(fee * 10_000n - exactTimes10k < BigInt(groups.length) * 10_000n || groups.length === 0).toBe(
          true,
        );
        expect(net >= 0n).toBe(true);
      }),
    );
  });

  it('is platformFee for one rate, and the documented 10.50 → 1.05 + 9.45 example', () => {
    fc.assert(
      fc.property(group, (g) => {
        const { fee, net } = platformFee(g.gross, g.bps);
        expect(settlementTotals([g])).toEqual({ total: g.gross, fee, net });
      }),
    );
    expect(settlementTotals([{ bps: 1000, gross: 10_500_000n }])).toEqual({
      total: 10_500_000n,
      fee: 1_050_000n,
      net: 9_450_000n,
    });
    expect(settlementTotals([])).toEqual({ total: 0n, fee: 0n, net: 0n });
  });
});
