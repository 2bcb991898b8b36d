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
