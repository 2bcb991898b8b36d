import { renderPrice } from '../catalog/price-per-call.js';
import type { Queryable } from '../db/db.js';
import { onboardingProgress } from './onboarding-steps.js';
import { fillPeriods, recentPeriods } from './periods.js';
import { type UsageAggregateRow, usageAggregateSql, usageFigures } from './usage-aggregate.js';
import { usdNumber } from './usd-amount.js';

/** Money totals of one provider, in USDC base units. */
export interface ProviderMoney {
  /** Gross amount buyers were charged for the provider's calls. */
  revenueUnits: bigint;
  /** Gross amount covered by completed (paid) settlements. */
  settledUnits: bigint;
  /** Net amount paid out by completed settlements (after the platform fee). */
  paidOutUnits: bigint;
}

/**
 * Revenue, settled and paid-out totals of a provider. `pending` (revenue not yet covered by a
 * completed settlement) is `revenue − settled`, never below zero.
 *
 * @example
 * ```ts
 * const money = await providerMoney(db, 'my-agent');
 * ```
 */
export async function providerMoney(db: Queryable, providerId: string): Promise<ProviderMoney> {
  const row = await db.one<{ revenue: bigint; settled: bigint; paid: bigint }>(
    `SELECT
       (SELECT coalesce(sum(amount_units), 0)::bigint FROM usage_records WHERE provider_id = $1) AS revenue,
       (SELECT coalesce(sum(total_units), 0)::bigint FROM settlements WHERE provider_id = $1 AND status = 'completed') AS settled,
       (SELECT coalesce(sum(net_units), 0)::bigint FROM settlements WHERE provider_id = $1 AND status = 'completed') AS paid`,
    [providerId],
  );
  return { revenueUnits: row!.revenue, settledUnits: row!.settled, paidOutUnits: row!.paid };
}

/**
 * Revenue not yet covered by a completed settlement.
 *
 * @example
 * ```ts
 * pendingUnits({ revenueUnits: 750n, settledUnits: 600n, paidOutUnits: 540n }); // 150n
 * ```
 */
export function pendingUnits(money: ProviderMoney): bigint {
  const pending = money.revenueUnits - money.settledUnits;
  return pending > 0n ? pending : 0n;
}

/**
 * `GET /api/v1/provider/dashboard`: services (not removed), calls, revenue, settled and pending.
 *
 * @example
 * ```ts
 * await providerDashboard(db, 'my-agent'); // { provider_id: 'my-agent', total_services: 3, … }
 * ```
 */
export async function providerDashboard(db: Queryable, providerId: string) {
  const [counts, money] = await Promise.all([
    db.one<{ services: number; calls: number }>(
      `SELECT
         (SELECT count(*)::int FROM services WHERE provider_id = $1 AND status <> 'removed') AS services,
         (SELECT count(*)::int FROM usage_records WHERE provider_id = $1) AS calls`,
      [providerId],
    ),
    providerMoney(db, providerId),
  ]);
  return {
    provider_id: providerId,
    total_services: counts!.services,
    total_calls: counts!.calls,
    total_revenue: usdNumber(money.revenueUnits),
    total_settled: usdNumber(money.settledUnits),
    pending_settlement: usdNumber(pendingUnits(money)),
    total_paid_out: usdNumber(money.paidOutUnits),
  };
}

interface ServiceStatsRow extends UsageAggregateRow {
  id: string;
  name: string;
  description: string;
  endpoint: string;
  price_units: bigint;
  price_text: string | null;
  status: string;
  category: string;
  created_at: Date;
}

/**
 * `GET /api/v1/provider/services`: the provider's services (removed ones left out), newest
 * first, each with its calls, revenue and mean latency.
 *
 * @example
 * ```ts
 * (await providerServices(db, 'my-agent')).services[0]?.total_calls;
 * ```
 */
export async function providerServices(db: Queryable, providerId: string) {
  const rows = await db.many<ServiceStatsRow>(
    `SELECT s.id, s.name, s.description, s.endpoint, s.price_units, s.price_text, s.status, s.category, s.created_at,
            ${usageAggregateSql('u')}
       FROM services s LEFT JOIN usage_records u ON u.service_id = s.id
      WHERE s.provider_id = $1 AND s.status <> 'removed'
      GROUP BY s.id
      ORDER BY s.created_at DESC, s.id`,
    [providerId],
  );
  return {
    services: rows.map((row) => {
      const figures = usageFigures(row);
      return {
        id: row.id,
        name: row.name,
        description: row.description,
        endpoint: row.endpoint,
        price_per_call: renderPrice(row.price_units, row.price_text),
        status: row.status,
        category: row.category,
        total_calls: figures.calls,
        total_revenue: usdNumber(figures.revenueUnits),
        avg_latency_ms: figures.avgLatencyMs,
        success_rate: figures.successRate,
        created_at: row.created_at.toISOString(),
      };
    }),
  };
}

/** A service's owner and name, or `undefined` when there is no such service. */
export async function findService(
  db: Queryable,
  serviceId: string,
): Promise<{ id: string; provider_id: string; name: string; endpoint: string; status: string } | undefined> {
  return db.one(
    "SELECT id, provider_id, name, endpoint, status FROM services WHERE id = $1 AND status <> 'removed'",
    [serviceId],
  );
}

/**
 * `GET /api/v1/provider/services/{id}/analytics`: all-time figures and a daily series of the
 * last `days` days (UTC, oldest first, days without calls included as zeros).
 *
 * @example
 * ```ts
 * await serviceAnalytics(db, { id: 'svc', name: 'CoinSifter API' }, new Date(), 30);
 * ```
 */
export async function serviceAnalytics(
  db: Queryable,
  service: { id: string; name: string },
  now: Date,
  days: number,
) {
  const periods = recentPeriods(now, 'daily', days);
  const [total, daily] = await Promise.all([
    db.one<UsageAggregateRow>(`SELECT ${usageAggregateSql()} FROM usage_records WHERE service_id = $1`, [
      service.id,
    ]),
    db.many<{ period: string; calls: number; revenue_units: bigint }>(
      `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period,
              count(*)::int AS calls, coalesce(sum(amount_units), 0)::bigint AS revenue_units
         FROM usage_records
        WHERE service_id = $1 AND created_at >= $2 AND created_at < $3
        GROUP BY 1`,
      [service.id, periods[0]!.start, periods.at(-1)!.end],
    ),
  ]);
  const figures = usageFigures(total);
  return {
    service_id: service.id,
    service_name: service.name,
    total_calls: figures.calls,
    total_revenue: usdNumber(figures.revenueUnits),
    avg_latency_ms: figures.avgLatencyMs,
    success_rate: figures.successRate,
    unique_buyers: figures.buyers,
    first_call: total?.first_at?.toISOString() ?? null,
    last_call: total?.last_at?.toISOString() ?? null,
    daily: fillPeriods(periods, daily, (row, period) => ({
      date: period.label,
      calls: row?.calls ?? 0,
      revenue: usdNumber(row?.revenue_units ?? 0n),
    })),
  };
}

/**
 * `GET /api/v1/provider/earnings`: totals and every settlement, newest period first.
 *
 * @example
 * ```ts
 * (await providerEarnings(db, 'my-agent')).settlements.length;
 * ```
 */
export async function providerEarnings(db: Queryable, providerId: string) {
  const [money, settlements] = await Promise.all([
    providerMoney(db, providerId),
    db.many<{
      id: string;
      total_units: bigint;
      fee_units: bigint;
      net_units: bigint;
      call_count: number;
      status: string;
      period_start: Date;
      period_end: Date;
      payment_tx: string | null;
      paid_at: Date | null;
    }>(
      `SELECT id, total_units, fee_units, net_units, call_count, status, period_start, period_end, payment_tx, paid_at
         FROM settlements WHERE provider_id = $1 ORDER BY period_end DESC, id`,
      [providerId],
    ),
  ]);
  return {
    total_earned: usdNumber(money.revenueUnits),
    total_settled: usdNumber(money.settledUnits),
    pending_settlement: usdNumber(pendingUnits(money)),
    total_paid_out: usdNumber(money.paidOutUnits),
    settlements: settlements.map((s) => ({
      id: s.id,
      total_amount: usdNumber(s.total_units),
      platform_fee: usdNumber(s.fee_units),
      net_amount: usdNumber(s.net_units),
      call_count: s.call_count,
      status: s.status,
      period_start: s.period_start.toISOString(),
      period_end: s.period_end.toISOString(),
      payment_tx: s.payment_tx,
      paid_at: s.paid_at?.toISOString() ?? null,
    })),
  };
}

/**
 * `GET /api/v1/provider/onboarding`: the five steps computed from the provider's keys,
 * services, calls and settlements.
 *
 * @example
 * ```ts
 * (await providerOnboarding(db, 'my-agent', new Date())).completion_pct;
 * ```
 */
export async function providerOnboarding(db: Queryable, providerId: string, now: Date) {
  const facts = await db.one<{
    keys: number;
    services: number;
    active: number;
    calls: number;
    settled: number;
  }>(
    `SELECT
       (SELECT count(*)::int FROM api_keys WHERE owner_id = $1 AND revoked_at IS NULL
          AND (expires_at IS NULL OR expires_at > $2)) AS keys,
       (SELECT count(*)::int FROM services WHERE provider_id = $1 AND status <> 'removed') AS services,
       (SELECT count(*)::int FROM services WHERE provider_id = $1 AND status = 'active') AS active,
       (SELECT count(*)::int FROM usage_records WHERE provider_id = $1) AS calls,
       (SELECT count(*)::int FROM settlements WHERE provider_id = $1 AND status = 'completed') AS settled`,
    [providerId, now],
  );
  return {
    provider_id: providerId,
    ...onboardingProgress({
      activeKeys: facts!.keys,
      services: facts!.services,
      activeServices: facts!.active,
      calls: facts!.calls,
      completedSettlements: facts!.settled,
    }),
  };
}
