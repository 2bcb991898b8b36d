import type { Queryable } from '../db/db.js';

/** One proxied call, as recorded in `usage_records`. */
export interface UsageRecordInput {
  id: string;
  buyerKeyId: string;
  buyerId: string;
  serviceId: string;
  providerId: string;
  /** Charged, in USDC base units. */
  amount: bigint;
  latencyMs: number;
  /** The provider's status, or 502/504 when it never answered. */
  statusCode: number;
  freeTier: boolean;
  paymentMethod: string;
  /** The balance reservation that paid for the call, if any. */
  paymentTx: string | null;
  /** The buyer's `Idempotency-Key` or `X-Request-ID`. */
  requestId: string | null;
  createdAt: Date;
}

/**
 * Records a proxied call (successful or not). `success` is a status below 400.
 *
 * @example
 * ```ts
 * await insertUsageRecord(tx, { id, buyerKeyId, buyerId, serviceId, providerId, amount: 50_000n, latencyMs: 12,
 *   statusCode: 200, freeTier: false, paymentMethod: 'prepaid', paymentTx: null, requestId: null, createdAt: new Date() });
 * ```
 */
export async function insertUsageRecord(db: Queryable, u: UsageRecordInput): Promise<void> {
  await db.query(
    `INSERT INTO usage_records (id, buyer_key_id, buyer_id, service_id, provider_id, amount_units, latency_ms,
       status_code, success, free_tier, payment_method, payment_tx, request_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::bigint, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      u.id,
      u.buyerKeyId,
      u.buyerId,
      u.serviceId,
      u.providerId,
      u.amount,
      Math.max(0, Math.round(u.latencyMs)),
      u.statusCode,
      u.statusCode > 0 && u.statusCode < 400,
      u.freeTier,
      u.paymentMethod,
      u.paymentTx,
      u.requestId,
      u.createdAt,
    ],
  );
}

/** A buyer's totals over every recorded call. */
export interface BuyerUsage {
  totalCalls: number;
  /** USDC base units. */
  totalSpent: bigint;
  /** Mean latency in milliseconds, 0 without calls. */
  avgLatencyMs: number;
}

/**
 * Totals of a buyer's calls (all of them, failed ones included; spent counts what was charged).
 *
 * @example
 * ```ts
 * await buyerUsage(db, 'agent-1'); // { totalCalls: 42, totalSpent: 2_100_000n, avgLatencyMs: 205.3 }
 * ```
 */
export async function buyerUsage(db: Queryable, buyerId: string): Promise<BuyerUsage> {
  const row = await db.one<{ calls: number; spent: bigint | string | null; latency: string | number | null }>(
    `SELECT count(*)::int AS calls, COALESCE(sum(amount_units), 0)::bigint AS spent, avg(latency_ms)::float8 AS latency
       FROM usage_records WHERE buyer_id = $1`,
    [buyerId],
  );
  return {
    totalCalls: row?.calls ?? 0,
    totalSpent: BigInt(row?.spent ?? 0),
    avgLatencyMs: Math.round(Number(row?.latency ?? 0) * 10) / 10,
  };
}
