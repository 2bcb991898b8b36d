import type { Queryable } from '../db/db.js';

/** The parts of a service the proxy needs. */
export interface ServiceForCall {
  id: string;
  providerId: string;
  endpoint: string;
  /** USDC base units per call. */
  price: bigint;
  paymentMethod: 'x402' | 'prepaid' | 'paypal' | 'nowpayments';
  freeTierCalls: number;
  status: 'active' | 'paused' | 'removed';
  timeoutMs: number;
}

/**
 * A service by id, or `undefined` when there is none.
 *
 * @example
 * ```ts
 * const service = await serviceForCall(db, serviceId);
 * ```
 */
export async function serviceForCall(db: Queryable, id: string): Promise<ServiceForCall | undefined> {
  const row = await db.one<{
    id: string;
    provider_id: string;
    endpoint: string;
    price_units: bigint;
    payment_method: ServiceForCall['paymentMethod'];
    free_tier_calls: number;
    status: ServiceForCall['status'];
    timeout_ms: number;
  }>(
    `SELECT id, provider_id, endpoint, price_units, payment_method, free_tier_calls, status, timeout_ms
       FROM services WHERE id = $1`,
    [id],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    providerId: row.provider_id,
    endpoint: row.endpoint,
    price: row.price_units,
    paymentMethod: row.payment_method,
    freeTierCalls: row.free_tier_calls,
    status: row.status,
    timeoutMs: row.timeout_ms,
  };
}
