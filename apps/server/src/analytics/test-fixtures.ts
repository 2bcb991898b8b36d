import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/db.js';

/**
 * Rows for analytics tests, written straight into the tables (the routes that normally write
 * them belong to other groups). Not part of the server's API.
 *
 * @example
 * ```ts
 * const id = await insertService(db, { providerId: 'p1', name: 'Echo' });
 * await insertUsage(db, { serviceId: id, providerId: 'p1', buyerId: 'b1', amountUnits: 50_000n });
 * ```
 */
export async function insertService(
  db: Queryable,
  input: {
    providerId: string;
    name: string;
    id?: string;
    endpoint?: string;
    priceUnits?: bigint;
    status?: 'active' | 'paused' | 'removed';
    category?: string;
    createdAt?: Date;
  },
): Promise<string> {
  const id = input.id ?? randomUUID();
  await db.query(
    `INSERT INTO services (id, provider_id, name, endpoint, price_units, status, category, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      input.providerId,
      input.name,
      input.endpoint ?? 'https://api.example.com/v1',
      input.priceUnits ?? 50_000n,
      input.status ?? 'active',
      input.category ?? 'ai',
      input.createdAt ?? new Date(),
    ],
  );
  return id;
}

/** One usage record (see {@link insertService}). */
export async function insertUsage(
  db: Queryable,
  input: {
    serviceId: string;
    providerId: string;
    buyerId: string;
    amountUnits?: bigint;
    latencyMs?: number;
    statusCode?: number;
    paymentMethod?: string;
    createdAt?: Date;
  },
): Promise<string> {
  const id = randomUUID();
  const status = input.statusCode ?? 200;
  await db.query(
    `INSERT INTO usage_records (id, buyer_key_id, buyer_id, service_id, provider_id, amount_units,
       latency_ms, status_code, success, payment_method, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      id,
      `key-${input.buyerId}`,
      input.buyerId,
      input.serviceId,
      input.providerId,
      input.amountUnits ?? 0n,
      input.latencyMs ?? 100,
      status,
      status < 400,
      input.paymentMethod ?? 'x402',
      input.createdAt ?? new Date(),
    ],
  );
  return id;
}

/** One settlement (see {@link insertService}). */
export async function insertSettlement(
  db: Queryable,
  input: {
    providerId: string;
    totalUnits: bigint;
    feeUnits: bigint;
    status: 'pending' | 'processing' | 'completed' | 'failed';
    periodStart: Date;
    periodEnd: Date;
    id?: string;
  },
): Promise<string> {
  const id = input.id ?? `stl-${randomUUID()}`;
  await db.query(
    `INSERT INTO settlements (id, provider_id, period_start, period_end, total_units, fee_units, net_units, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      input.providerId,
      input.periodStart,
      input.periodEnd,
      input.totalUnits,
      input.feeUnits,
      input.totalUnits - input.feeUnits,
      input.status,
    ],
  );
  return id;
}
