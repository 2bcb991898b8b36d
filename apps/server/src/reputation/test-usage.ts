import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db.js';

/** Rows to add to the usage table in tests. */
export interface TestUsage {
  serviceId: string;
  providerId: string;
  agentId?: string | null;
  /** How many identical rows (default 1). */
  count?: number;
  statusCode?: number;
  latencyMs?: number;
  amountUnits?: bigint;
  at?: Date;
}

/**
 * A service row that usage rows can point at.
 *
 * @example
 * ```ts
 * const serviceId = await insertTestService(db, 'provider-1');
 * ```
 */
export async function insertTestService(db: Queryable, providerId: string): Promise<string> {
  const id = `svc-${randomBytes(6).toString('hex')}`;
  await db.query(
    `INSERT INTO services (id, provider_id, name, endpoint, price_units) VALUES ($1, $2, $3, $4, $5)`,
    [id, providerId, `Service ${id}`, 'https://provider.example/api', 50_000n],
  );
  return id;
}

/**
 * An active agent row owned by `ownerId`.
 *
 * @example
 * ```ts
 * const agentId = await insertTestAgent(db, 'owner-1', 'Top Agent');
 * ```
 */
export async function insertTestAgent(
  db: Queryable,
  ownerId: string,
  displayName = 'Agent',
  status = 'active',
): Promise<string> {
  const id = `agent-${randomBytes(6).toString('hex')}`;
  await db.query('INSERT INTO agents (agent_id, owner_id, display_name, status) VALUES ($1, $2, $3, $4)', [
    id,
    ownerId,
    displayName,
    status,
  ]);
  return id;
}

/**
 * Adds `count` usage rows in one statement, as the payment proxy records calls.
 *
 * @example
 * ```ts
 * await insertTestUsage(db, { serviceId, providerId, agentId, count: 3000, statusCode: 200, latencyMs: 500 });
 * ```
 */
export async function insertTestUsage(db: Queryable, usage: TestUsage): Promise<void> {
  const status = usage.statusCode ?? 200;
  await db.query(
    `INSERT INTO usage_records (id, buyer_key_id, buyer_id, service_id, provider_id, agent_id, amount_units,
       latency_ms, status_code, success, payment_method, created_at)
     SELECT $1 || g, 'acf_test', 'buyer-test', $2, $3, $4, $5, $6, $7, $8, 'x402', $9
     FROM generate_series(1, $10::int) AS g`,
    [
      `u-${randomBytes(6).toString('hex')}-`,
      usage.serviceId,
      usage.providerId,
      usage.agentId ?? null,
      usage.amountUnits ?? 0n,
      usage.latencyMs ?? 100,
      status,
      status > 0 && status < 400,
      usage.at ?? new Date(),
      usage.count ?? 1,
    ],
  );
}
