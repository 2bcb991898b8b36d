import { platformFee } from '@tollway/core';

/** The platform fee for usage recorded without a commission rate: 10 % (1000 basis points). */
export const DEFAULT_PLATFORM_FEE_BPS = 1000;

/** Gross earnings at one commission rate. */
export interface RateGroup {
  /** Commission in basis points, as recorded on the usage rows. */
  bps: number;
  /** Sum of the rows' amounts, USDC base units. */
  gross: bigint;
}

/** What a settlement pays out, in USDC base units. */
export interface SettlementTotals {
  total: bigint;
  fee: bigint;
  net: bigint;
}

/**
 * A settlement's totals from its usage grouped by commission rate: the fee is core
 * `platformFee` applied once to each rate's sum (so at most one base unit is rounded up per
 * rate, never per call), and `net = total − fee`.
 *
 * @example
 * ```ts
 * settlementTotals([{ bps: 1000, gross: 10_500_000n }]); // { total: 10_500_000n, fee: 1_050_000n, net: 9_450_000n }
 * ```
 */
export function settlementTotals(groups: readonly RateGroup[]): SettlementTotals {
  let total = 0n;
  let fee = 0n;
  for (const group of groups) {
    total += group.gross;
    fee += platformFee(group.gross, group.bps).fee;
  }
  return { total, fee, net: total - fee };
}
