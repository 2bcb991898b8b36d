import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/db.js';

/** Columns of a service row a test may set; the rest take the schema's defaults. */
export interface TestServiceRow {
  endpoint: string;
  providerId?: string;
  priceUnits?: bigint;
  paymentMethod?: 'x402' | 'prepaid' | 'paypal' | 'nowpayments';
  freeTierCalls?: number;
  status?: 'active' | 'paused' | 'removed';
  timeoutMs?: number;
}

/**
 * Inserts a service straight into the database (tests of the proxy and billing) and returns its id.
 *
 * @example
 * ```ts
 * const id = await insertTestService(db, { endpoint: provider.url, priceUnits: 50_000n, paymentMethod: 'prepaid' });
 * ```
 */
export async function insertTestService(db: Queryable, row: TestServiceRow): Promise<string> {
  const id = randomUUID();
  await db.query(
    `INSERT INTO services (id, provider_id, name, endpoint, price_units, payment_method, free_tier_calls, status, timeout_ms)
     VALUES ($1, $2, $3, $4, $5::bigint, $6, $7, $8, $9)`,
    [
      id,
      row.providerId ?? `provider-${id.slice(0, 8)}`,
      'Test service',
      row.endpoint,
      row.priceUnits ?? 50_000n,
      row.paymentMethod ?? 'prepaid',
      row.freeTierCalls ?? 0,
      row.status ?? 'active',
      row.timeoutMs ?? 30_000,
    ],
  );
  return id;
}
