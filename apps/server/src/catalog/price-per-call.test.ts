import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PRICE_UNITS, priceSchema, renderPrice } from './price-per-call.js';

describe('priceSchema', () => {
  it('keeps the text and its exact base units', () => {
    expect(priceSchema().parse('0.05')).toEqual({ text: '0.05', units: 50_000n });
    expect(priceSchema().parse('10000')).toEqual({ text: '10000', units: MAX_PRICE_UNITS });
    expect(priceSchema().parse('0.000001')).toEqual({ text: '0.000001', units: 1n });
  });

  it('refuses numbers, negatives, too many decimals, exponents and prices above the cap', () => {
    for (const bad of [0.05, '-1', '0.0000001', '1e3', '', '.5', '10000.000001', 'abc']) {
      expect(priceSchema().safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it('renders base units back to the same value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_PRICE_UNITS }), (units) => {
        const text = renderPrice(units, null);
        expect(text).toMatch(/^\d+\.\d{2,6}$/);
        expect(priceSchema().parse(text).units).toBe(units);
      }),
    );
    expect(renderPrice(1_500_000n, null)).toBe('1.50');
    expect(renderPrice(50_000n, '0.050')).toBe('0.050');
  });
});
