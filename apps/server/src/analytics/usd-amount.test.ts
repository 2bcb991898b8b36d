import { parseUsdc } from '@tollway/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { usdAmount } from './usd-amount.js';

describe('usdAmount', () => {
  it('writes amounts with at least two decimals and every significant digit', () => {
    expect(usdAmount(750_000_000n)).toBe('750.00');
    expect(usdAmount(50_000n)).toBe('0.05');
    expect(usdAmount(125n)).toBe('0.000125');
    expect(usdAmount(0n)).toBe('0.00');
    expect(usdAmount(123_456_789_012_345_678n)).toBe('123456789012.345678');
  });

  it('round-trips exactly through parseUsdc', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), (units) => {
        const text = usdAmount(units);
        expect(parseUsdc(text)).toBe(units);
        expect(text).toMatch(/^\d+\.\d{2,6}$/);
      }),
    );
  });
});
