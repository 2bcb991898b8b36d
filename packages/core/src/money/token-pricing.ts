import type { IrUsage } from '../formats/ir.js';
import { parseUsdc } from './usdc.js';

/** A service's prices as configured: USD per million tokens, as decimals. */
export interface TokenPricing {
  inputUsdPerMillion: string | number;
  outputUsdPerMillion: string | number;
  /** Price of input tokens read from cache; the input price when absent. */
  cachedInputUsdPerMillion?: string | number | undefined;
}

/** Prices in USDC base units per million tokens. */
export interface TokenPrices {
  input: bigint;
  output: bigint;
  cachedInput: bigint;
}

/**
 * Configured prices as exact base units per million tokens.
 *
 * @example
 * ```ts
 * tokenPrices({ inputUsdPerMillion: '10.50', outputUsdPerMillion: 30 });
 * // { input: 10_500_000n, output: 30_000_000n, cachedInput: 10_500_000n }
 * ```
 */
export function tokenPrices(pricing: TokenPricing): TokenPrices {
  const input = parseUsdc(pricing.inputUsdPerMillion);
  const output = parseUsdc(pricing.outputUsdPerMillion);
  const cachedInput =
    pricing.cachedInputUsdPerMillion === undefined ? input : parseUsdc(pricing.cachedInputUsdPerMillion);
  return { input, output, cachedInput };
}

const MILLION = 1_000_000n;

/**
 * The cost of one response in USDC base units. The one rounding rule of Tollway: the exact
 * total is computed in integers and rounded UP to the next base unit once, at the end, so the
 * buyer and the seller, running this same function, always agree. Cached input tokens (part of
 * `inputTokens`) are charged at the cached price; cache writes at the input price.
 *
 * @example
 * ```ts
 * costOfUsage({ inputTokens: 12_000, outputTokens: 0 }, tokenPrices({ inputUsdPerMillion: '10.50', outputUsdPerMillion: 0 }));
 * // 126_000n  (0.126 USDC)
 * ```
 */
export function costOfUsage(usage: IrUsage, prices: TokenPrices): bigint {
  const input = BigInt(usage.inputTokens);
  const reported = BigInt(usage.cachedInputTokens ?? 0);
  const cached = reported < input ? reported : input;
  const exact =
    (input - cached) * prices.input +
    cached * prices.cachedInput +
    BigInt(usage.outputTokens) * prices.output;
  return (exact + MILLION - 1n) / MILLION;
}
