import { renderPrice } from '../catalog/price-per-call.js';

/**
 * Integer USDC base units as the decimal string the marketplace's JSON carries for amounts:
 * exact (every significant digit kept), trailing zeros trimmed down to two decimals, so
 * `750.00`, `0.05` and `0.000125` read as the reference shows them. The same rule as prices.
 *
 * @example
 * ```ts
 * usdAmount(750_000_000n); // '750.00'
 * usdAmount(125n); // '0.000125'
 * ```
 */
export function usdAmount(units: bigint): string {
  return renderPrice(units, null);
}

/**
 * Base units as the JSON number the reference shows for analytics figures (`"total_revenue":
 * 750.5`). Computed from the exact decimal string, so the number printed is that decimal
 * exactly for any amount under a billion USD (at most 15 significant digits); no arithmetic is
 * ever done on it here.
 *
 * @example
 * ```ts
 * usdNumber(26_150_000n); // 26.15
 * ```
 */
export function usdNumber(units: bigint): number {
  return Number(usdAmount(units));
}
