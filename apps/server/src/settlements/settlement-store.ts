import { randomUUID } from 'node:crypto';
import { usdAmount } from '../analytics/usd-amount.js';
import type { Db, Queryable, SqlParam } from '../db/db.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-event.js';
import { DEFAULT_PLATFORM_FEE_BPS, settlementTotals } from './settlement-totals.js';

/** A row of `settlements`. */
export interface SettlementRow {
  id: string;
  provider_id: string;
  period_start: Date;
  period_end: Date;
  total_units: bigint;
  fee_units: bigint;
  net_units: bigint;
  call_count: number;
  status: 'pending' | 'processing' | 'completed' | 'failed';
  payment_tx: string | null;
  paid_at: Date | null;
}

/** The outcome of {@link createSettlement}. */
export type CreateSettlementResult =
  | { ok: true; settlement: SettlementRow }
  | { ok: false; reason: 'overlap'; existing: SettlementRow };

/**
 * Settles a provider's unsettled usage in `[start, end)`: links every such usage row to a new
 * `pending` settlement and stores its totals (gross, the platform fee per commission rate with
 * `settlementTotals`, net) and its billable calls (answered below 500). Refused as `overlap`
 * when a settlement of the provider already covers part of the period. One provider's
 * settlements are made one at a time (an advisory lock), so two overlapping requests cannot
 * both pass the check.
 *
 * @example
 * ```ts
 * const result = await createSettlement(db, { providerId: 'provider-1', start, end, now: Date.now() });
 * if (!result.ok) console.log(result.existing.id);
 * ```
 */
export function createSettlement(
  db: Db,
  input: { providerId: string; start: Date; end: Date; now: number },
): Promise<CreateSettlementResult> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`settlements:${input.providerId}`]);
    const existing = await tx.one<SettlementRow>(
      `SELECT * FROM settlements
       WHERE provider_id = $1 AND period_start < $3 AND period_end > $2
       ORDER BY period_start LIMIT 1`,
      [input.providerId, input.start, input.end],
    );
    if (existing) return { ok: false, reason: 'overlap', existing };
    const id = randomUUID();
    const at = new Date(input.now);
    await tx.query(
      `INSERT INTO settlements (id, provider_id, period_start, period_end, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)`,
      [id, input.providerId, input.start, input.end, at],
    );
    await tx.query(
      `UPDATE usage_records SET settlement_id = $1
       WHERE provider_id = $2 AND created_at >= $3 AND created_at < $4 AND settlement_id IS NULL`,
      [id, input.providerId, input.start, input.end],
    );
    const groups = await tx.many<{ bps: number; gross: bigint; calls: number }>(
      `SELECT COALESCE(commission_bps, $2) AS bps, COALESCE(sum(amount_units), 0)::bigint AS gross,
              (count(*) FILTER (WHERE status_code > 0 AND status_code < 500))::int AS calls
       FROM usage_records WHERE settlement_id = $1 GROUP BY 1`,
      [id, DEFAULT_PLATFORM_FEE_BPS],
    );
    const totals = settlementTotals(groups.map((g) => ({ bps: g.bps, gross: g.gross })));
    const settlement = await tx.one<SettlementRow>(
      `UPDATE settlements SET total_units = $2, fee_units = $3, net_units = $4, call_count = $5
       WHERE id = $1 RETURNING *`,
      [id, totals.total, totals.fee, totals.net, groups.reduce((n, g) => n + g.calls, 0)],
    );
    return { ok: true, settlement: settlement! };
  });
}

/**
 * Marks a pending (or processing) settlement paid with its transaction reference, once: a
 * settlement already paid, or unknown, gives `undefined`. Queues `settlement.completed` for
 * the provider in the same transaction.
 *
 * @example
 * ```ts
 * const paid = await markSettlementPaid(db, id, '0xabc123', Date.now());
 * ```
 */
export function markSettlementPaid(
  db: Db,
  id: string,
  paymentTx: string,
  now: number,
): Promise<SettlementRow | undefined> {
  return db.transaction(async (tx) => {
    const paid = await tx.one<SettlementRow>(
      `UPDATE settlements SET status = 'completed', payment_tx = $2, paid_at = $3, updated_at = $3
       WHERE id = $1 AND status IN ('pending', 'processing') RETURNING *`,
      [id, paymentTx, new Date(now)],
    );
    if (paid) {
      await enqueueWebhookEvent(tx, {
        event: 'settlement.completed',
        payload: {
          settlement_id: paid.id,
          provider_id: paid.provider_id,
          period_start: isoUtc(paid.period_start),
          period_end: isoUtc(paid.period_end),
          total_amount: usdAmount(paid.total_units),
          platform_fee: usdAmount(paid.fee_units),
          net_amount: usdAmount(paid.net_units),
          call_count: paid.call_count,
          payment_tx: paid.payment_tx,
        },
        audience: [paid.provider_id],
        now,
      });
    }
    return paid;
  });
}

/**
 * Settlements, newest period first, filtered by provider and status.
 *
 * @example
 * ```ts
 * await listSettlements(db, { providerId: 'provider-1', limit: 50 });
 * ```
 */
export function listSettlements(
  db: Queryable,
  filter: { providerId?: string; status?: string; limit: number },
): Promise<SettlementRow[]> {
  const where: string[] = [];
  const params: SqlParam[] = [];
  for (const [column, value] of [
    ['provider_id', filter.providerId],
    ['status', filter.status],
  ] as const) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  params.push(filter.limit);
  return db.many<SettlementRow>(
    `SELECT * FROM settlements ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY period_start DESC, created_at DESC, id LIMIT $${params.length}`,
    params,
  );
}

/** `2026-03-01T00:00:00Z`, as the reference writes settlement periods. */
export function isoUtc(at: Date): string {
  return at.toISOString().replace(/\.000Z$/, 'Z');
}
