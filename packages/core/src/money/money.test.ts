import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costOfUsage, tokenPrices } from './token-pricing.js';
import { formatUsdc, parseUsdc } from './usdc.js';

describe('parseUsdc and formatUsdc', () => {
  it('read decimals exactly', () => {
    expect(parseUsdc('10.50')).toBe(10_500_000n);
    expect(parseUsdc(0.075)).toBe(75_000n);
    expect(parseUsdc('3')).toBe(3_000_000n);
    expect(parseUsdc('0.000001')).toBe(1n);
  });

  it.each(['-1', '0.0000001', '1e-7', 'abc', '', '1.2.3', ' 1 2'])(
    'refuse %j instead of rounding',
    (amount) => {
      expect(() => parseUsdc(amount)).toThrow(expect.objectContaining({ code: 'invalid_amount' }));
    },
  );

  it('round-trip every amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), (units) => {
        expect(parseUsdc(formatUsdc(units))).toBe(units);
      }),
    );
  });
});

describe('costOfUsage', () => {
  const prices = tokenPrices({
    inputUsdPerMillion: '10.50',
    outputUsdPerMillion: '30',
    cachedInputUsdPerMillion: '1.05',
  });

  it('matches the documented example: 12,000 tokens at $10.50 per million is $0.126', () => {
    const p = tokenPrices({ inputUsdPerMillion: '10.50', outputUsdPerMillion: 0 });
    expect(costOfUsage({ inputTokens: 12_000, outputTokens: 0 }, p)).toBe(126_000n);
  });

  it('charges cached input at the cached price', () => {
    const usage = { inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 0 };
    // 600,000 uncached at $10.50/M = 6.30 USDC; 400,000 cached at $1.05/M = 0.42 USDC.
    expect(costOfUsage(usage, prices)).toBe(6_300_000n + 420_000n);
  });

  it('rounds up once, never below the exact cost and less than one unit above it', () => {
    const usage = fc.record({
      inputTokens: fc.nat({ max: 5_000_000 }),
      outputTokens: fc.nat({ max: 5_000_000 }),
      cachedInputTokens: fc.nat({ max: 5_000_000 }),
    });
    fc.assert(
      fc.property(usage, (u) => {
        const cached = Math.min(u.cachedInputTokens, u.inputTokens);
        const exact =
          BigInt(u.inputTokens - cached) * prices.input +
          BigInt(cached) * prices.cachedInput +
          BigInt(u.outputTokens) * prices.output;
        const cost = costOfUsage(u, prices);
        expect(cost * 1_000_000n >= exact).toBe(true);
        expect((cost - 1n) * 1_000_000n < exact || exact === 0n).toBe(true);
      }),
    );
  });

  it('never costs less for more tokens', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1e7 }),
        fc.nat({ max: 1e7 }),
        fc.nat({ max: 1000 }),
        (input, output, more) => {
          const base = costOfUsage({ inputTokens: input, outputTokens: output }, prices);
          expect(costOfUsage({ inputTokens: input + more, outputTokens: output }, prices) >= base).toBe(true);
          expect(costOfUsage({ inputTokens: input, outputTokens: output + more }, prices) >= base).toBe(true);
        },
      ),
    );
  });
});
