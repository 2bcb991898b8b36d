import { TollwayError } from '../errors/tollway-error.js';
import { parseUsdc } from './usdc.js';

/** Arguments of {@link perCallCharge}. */
export interface PerCallChargeInput {
  /** The service's `price_per_call`, a decimal USDC string (`"0.05"`), at most 6 decimals. */
  pricePerCall: string;
  /** The service's `free_tier_calls`: how many calls each buyer gets free, for the service's lifetime. */
  freeTierCalls: number;
  /**
   * The buyer's earlier calls to this service that counted: charged or free. Calls that failed
   * on the provider's side (5xx, timeout) and were not charged should not be counted, so a
   * broken provider does not use up a buyer's free tier.
   */
  callsSoFar: number;
}

/** What one call costs the buyer. */
export interface PerCallCharge {
  /** USDC base units; 0 inside the free tier. */
  amount: bigint;
  /** Whether the call is one of the buyer's free ones (the `X-ACF-Free-Tier` header). */
  freeTier: boolean;
}

/**
 * The charge for one call of a per-call-priced service. As in the marketplace reference, the
 * first `freeTierCalls` calls of each buyer to each service are free, counted over the whole
 * life of the service (not per period); after that each call costs `pricePerCall`, exactly.
 *
 * Throws `TollwayError` `invalid_amount` for a price that is not a decimal with at most 6
 * decimals, and `invalid_count` for counts that are not whole non-negative numbers.
 *
 * @example
 * ```ts
 * perCallCharge({ pricePerCall: '0.05', freeTierCalls: 50, callsSoFar: 49 }); // { amount: 0n, freeTier: true }
 * perCallCharge({ pricePerCall: '0.05', freeTierCalls: 50, callsSoFar: 50 }); // { amount: 50_000n, freeTier: false }
 * ```
 */
export function perCallCharge(input: PerCallChargeInput): PerCallCharge {
  const price = parseUsdc(input.pricePerCall);
  for (const [name, value] of [
    ['freeTierCalls', input.freeTierCalls],
    ['callsSoFar', input.callsSoFar],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new TollwayError('invalid_count', `${name} must be a whole number of calls, not ${value}.`);
    }
  }
  return input.callsSoFar < input.freeTierCalls
    ? { amount: 0n, freeTier: true }
    : { amount: price, freeTier: false };
}

/** Basis points in a whole: 10 000 bp = 100 %. */
const BASIS = 10_000n;

/**
 * Splits a gross amount (USDC base units) into the platform's fee and the provider's net.
 * The fee follows Tollway's one rounding rule (as `costOfUsage`): the exact product is rounded
 * up to the next base unit once, so the sub-unit remainder goes to the platform and the
 * provider receives `gross − fee`. Apply it once to a settlement's total per fee rate, not to
 * each call: rounding per call would move up to one base unit per call to the platform.
 *
 * Throws `TollwayError` `invalid_fee` for a negative gross or a rate that is not a whole number
 * of basis points between 0 and 10 000.
 *
 * @example
 * ```ts
 * platformFee(10_500_000n, 1000); // { fee: 1_050_000n, net: 9_450_000n }  (10 % of 10.50 USDC)
 * platformFee(1n, 250); // { fee: 1n, net: 0n }
 * ```
 */
export function platformFee(gross: bigint, feeBasisPoints: number): { fee: bigint; net: bigint } {
  if (gross < 0n || !Number.isSafeInteger(feeBasisPoints) || feeBasisPoints < 0 || feeBasisPoints > 10_000) {
    throw new TollwayError(
      'invalid_fee',
      `A platform fee needs a non-negative amount and 0–10000 basis points, not ${gross} and ${feeBasisPoints}.`,
    );
  }
  const fee = (gross * BigInt(feeBasisPoints) + BASIS - 1n) / BASIS;
  return { fee, net: gross - fee };
}
