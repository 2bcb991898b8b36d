import type { Queryable } from '../db/db.js';
import { growthCommission, rateString } from './growth-commission.js';
import { fillPeriods, type Granularity, recentPeriods, SQL_TRUNC } from './periods.js';
import { percentOf, roundTo } from './ratios.js';
import { type UsageAggregateRow, usageAggregateSql, usageFigures } from './usage-aggregate.js';
import { usdNumber } from './usd-amount.js';

const DAY_MS = 86_400_000;

/**
 * `GET /api/v1/admin/stats`: counts of services (not removed), agents, teams, usage records,
 * settlements and active webhooks, and the revenue of every call.
 *
 * @example
 * ```ts
 * (await platformStats(db)).total_revenue_usd; // '750.50'
 * ```
 */
export async function platformStats(db: Queryable) {
  const row = await db.one<{
    services: number;
    agents: number;
    teams: number;
    usage: number;
    revenue: bigint;
    settlements: number;
    webhooks: number;
  }>(
    `SELECT
       (SELECT count(*)::int FROM services WHERE status <> 'removed') AS services,
       (SELECT count(*)::int FROM agents) AS agents,
       (SELECT count(*)::int FROM teams) AS teams,
       (SELECT count(*)::int FROM usage_records) AS usage,
       (SELECT coalesce(sum(amount_units), 0)::bigint FROM usage_records) AS revenue,
       (SELECT count(*)::int FROM settlements) AS settlements,
       (SELECT count(*)::int FROM webhooks WHERE active) AS webhooks`,
  );
  return {
    total_services: row!.services,
    total_agents: row!.agents,
    total_teams: row!.teams,
    total_usage_records: row!.usage,
    total_revenue_usd: usdNumber(row!.revenue),
    total_settlements: row!.settlements,
    active_webhooks: row!.webhooks,
  };
}

/**
 * `GET /api/v1/admin/usage/daily`: one entry per UTC day of the last `days` days (today
 * included), oldest first, days without calls as zeros.
 *
 * @example
 * ```ts
 * (await dailyUsage(db, new Date(), 7)).data.length; // 7
 * ```
 */
export async function dailyUsage(db: Queryable, now: Date, days: number) {
  const { data } = await usageTrend(db, now, 'daily', days);
  return {
    days,
    data: data.map((d) => ({
      date: d.period,
      call_count: d.calls,
      revenue_usd: d.revenue,
      unique_buyers: d.unique_buyers,
      unique_services: d.active_services,
    })),
  };
}

/**
 * `GET /api/v1/admin/analytics/trends`: calls, revenue, buyers, services, latency and success
 * rate per day, ISO week or month, the last `periods` periods, oldest first.
 *
 * @example
 * ```ts
 * (await usageTrend(db, new Date(), 'weekly', 12)).data[11]?.period; // '2026-W12'
 * ```
 */
export async function usageTrend(db: Queryable, now: Date, granularity: Granularity, count: number) {
  const periods = recentPeriods(now, granularity, count);
  const rows = await db.many<UsageAggregateRow & { period: string }>(
    `SELECT to_char(date_trunc('${SQL_TRUNC[granularity]}', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period,
            ${usageAggregateSql()}
       FROM usage_records WHERE created_at >= $1 AND created_at < $2
      GROUP BY 1`,
    [periods[0]!.start, periods.at(-1)!.end],
  );
  return {
    granularity,
    data: fillPeriods(periods, rows, (row, period) => {
      const f = usageFigures(row);
      return {
        period: period.label,
        calls: f.calls,
        revenue: usdNumber(f.revenueUnits),
        unique_buyers: f.buyers,
        active_services: f.services,
        avg_latency_ms: f.avgLatencyMs,
        success_rate: f.successRate,
      };
    }),
  };
}

/**
 * `GET /api/v1/admin/providers/ranking`: providers by revenue, then calls, over all time or
 * the last `days` days. The display name is the provider's first agent's, else its id.
 *
 * @example
 * ```ts
 * (await providerRanking(db, new Date(), { limit: 10, days: null })).providers[0]?.provider_id;
 * ```
 */
export async function providerRanking(
  db: Queryable,
  now: Date,
  options: { limit: number; days: number | null },
) {
  const since = options.days === null ? new Date(0) : new Date(now.getTime() - options.days * DAY_MS);
  const rows = await db.many<UsageAggregateRow & { provider_id: string; display_name: string | null }>(
    `SELECT u.provider_id,
            (SELECT a.display_name FROM agents a WHERE a.owner_id = u.provider_id
              ORDER BY a.created_at, a.agent_id LIMIT 1) AS display_name,
            ${usageAggregateSql('u')}
       FROM usage_records u WHERE u.created_at >= $1
      GROUP BY u.provider_id
      ORDER BY revenue_units DESC, calls DESC, u.provider_id
      LIMIT $2`,
    [since, options.limit],
  );
  return {
    period: options.days === null ? 'all-time' : String(options.days),
    providers: rows.map((row) => {
      const f = usageFigures(row);
      return {
        provider_id: row.provider_id,
        display_name: row.display_name ?? row.provider_id,
        total_calls: f.calls,
        total_revenue: usdNumber(f.revenueUnits),
        avg_latency_ms: f.avgLatencyMs,
        success_rate: f.successRate,
      };
    }),
  };
}

/**
 * `GET /api/v1/admin/services/health`: every active service with its all-time mean latency,
 * error rate (provider-side failures, percent) and last call; the least healthy first.
 *
 * @example
 * ```ts
 * (await servicesHealth(db)).services[0]?.error_rate;
 * ```
 */
export async function servicesHealth(db: Queryable) {
  const rows = await db.many<
    UsageAggregateRow & { id: string; name: string; provider_id: string; status: string }
  >(
    `SELECT s.id, s.name, s.provider_id, s.status, ${usageAggregateSql('u')}
       FROM services s LEFT JOIN usage_records u ON u.service_id = s.id
      WHERE s.status = 'active'
      GROUP BY s.id`,
  );
  const services = rows.map((row) => {
    const f = usageFigures(row);
    return {
      service_id: row.id,
      name: row.name,
      provider_id: row.provider_id,
      status: row.status,
      total_calls: f.calls,
      avg_latency_ms: f.avgLatencyMs,
      error_rate: f.errorRate,
      last_called: row.last_at?.toISOString() ?? null,
    };
  });
  services.sort(
    (a, b) =>
      b.error_rate - a.error_rate ||
      b.avg_latency_ms - a.avg_latency_ms ||
      a.service_id.localeCompare(b.service_id),
  );
  return { services };
}

/**
 * `GET /api/v1/admin/payments/summary`: calls and amounts per payment method.
 *
 * @example
 * ```ts
 * (await paymentsSummary(db)).methods.x402; // { count: 8000, total_usd: '400.00' }
 * ```
 */
export async function paymentsSummary(db: Queryable) {
  const rows = await db.many<{ payment_method: string; count: number; total: bigint }>(
    `SELECT payment_method, count(*)::int AS count, coalesce(sum(amount_units), 0)::bigint AS total
       FROM usage_records GROUP BY payment_method ORDER BY total DESC, count DESC, payment_method`,
  );
  return {
    methods: Object.fromEntries(
      rows.map((r) => [r.payment_method, { count: r.count, total_usd: usdNumber(r.total) }]),
    ) as Record<string, { count: number; total_usd: number }>,
  };
}

/** How top services are ordered: revenue and calls high first, latency low first. */
export const TOP_SERVICES_SORTS = ['revenue', 'calls', 'latency'] as const;
export type TopServicesSort = (typeof TOP_SERVICES_SORTS)[number];

const TOP_SERVICES_ORDER: Record<TopServicesSort, string> = {
  revenue: 'revenue_units DESC, calls DESC',
  calls: 'calls DESC, revenue_units DESC',
  latency: 'avg_latency_ms ASC, calls DESC',
};

/**
 * `GET /api/v1/admin/analytics/top-services`: services with calls in the last `days` days,
 * ranked.
 *
 * @example
 * ```ts
 * await topServices(db, new Date(), { limit: 10, sortBy: 'revenue', days: 30 });
 * ```
 */
export async function topServices(
  db: Queryable,
  now: Date,
  options: { limit: number; sortBy: TopServicesSort; days: number },
) {
  const rows = await db.many<
    UsageAggregateRow & { id: string; name: string; provider_id: string; category: string }
  >(
    `SELECT s.id, s.name, s.provider_id, s.category, ${usageAggregateSql('u')}
       FROM usage_records u JOIN services s ON s.id = u.service_id
      WHERE u.created_at >= $1
      GROUP BY s.id
      ORDER BY ${TOP_SERVICES_ORDER[options.sortBy]}, s.id
      LIMIT $2`,
    [new Date(now.getTime() - options.days * DAY_MS), options.limit],
  );
  return {
    sort_by: options.sortBy,
    days: options.days,
    services: rows.map((row) => {
      const f = usageFigures(row);
      return {
        service_id: row.id,
        service_name: row.name,
        provider_id: row.provider_id,
        category: row.category,
        total_calls: f.calls,
        total_revenue: usdNumber(f.revenueUnits),
        avg_latency_ms: f.avgLatencyMs,
        unique_buyers: f.buyers,
        success_rate: f.successRate,
      };
    }),
  };
}

/**
 * `GET /api/v1/admin/analytics/buyers`: buyers over all time, active in the last `days` days,
 * new in that window (first call inside it), repeat (more than one call inside it), and the
 * ten who spent most.
 *
 * @example
 * ```ts
 * (await buyerMetrics(db, new Date(), 30)).repeat_rate; // 34.3
 * ```
 */
export async function buyerMetrics(db: Queryable, now: Date, days: number) {
  const since = new Date(now.getTime() - days * DAY_MS);
  const [totals, top] = await Promise.all([
    db.one<{ all_time: number; active: number; fresh: number; repeat: number; calls: number }>(
      `WITH firsts AS (SELECT buyer_id, min(created_at) AS first_at FROM usage_records GROUP BY buyer_id),
            recent AS (SELECT buyer_id, count(*)::int AS calls FROM usage_records
                        WHERE created_at >= $1 GROUP BY buyer_id)
       SELECT (SELECT count(*)::int FROM firsts) AS all_time,
              (SELECT count(*)::int FROM recent) AS active,
              (SELECT count(*)::int FROM firsts WHERE first_at >= $1) AS fresh,
              (SELECT count(*)::int FROM recent WHERE calls > 1) AS repeat,
              (SELECT coalesce(sum(calls), 0)::int FROM recent) AS calls`,
      [since],
    ),
    db.many<{ buyer_id: string; calls: number; spent: bigint; services: number }>(
      `SELECT buyer_id, count(*)::int AS calls, coalesce(sum(amount_units), 0)::bigint AS spent,
              count(DISTINCT service_id)::int AS services
         FROM usage_records WHERE created_at >= $1
        GROUP BY buyer_id ORDER BY spent DESC, calls DESC, buyer_id LIMIT 10`,
      [since],
    ),
  ]);
  const t = totals!;
  return {
    days,
    total_buyers_all_time: t.all_time,
    active_buyers: t.active,
    new_buyers: t.fresh,
    repeat_buyers: t.repeat,
    repeat_rate: percentOf(t.repeat, t.active),
    avg_calls_per_buyer: t.active > 0 ? roundTo(t.calls / t.active, 1) : 0,
    top_spenders: top.map((b) => ({
      buyer_id: b.buyer_id,
      calls: b.calls,
      total_spent: usdNumber(b.spent),
      services_used: b.services,
    })),
  };
}

/**
 * `GET /api/v1/admin/providers/{id}/commission`: the provider's Growth Program tier, counted
 * from its first registered service.
 *
 * @example
 * ```ts
 * (await providerCommission(db, 'provider-001', new Date())).current_rate; // '0.00'
 * ```
 */
export async function providerCommission(db: Queryable, providerId: string, now: Date) {
  const row = await db.one<{ first: Date | null }>(
    'SELECT min(created_at) AS first FROM services WHERE provider_id = $1',
    [providerId],
  );
  const c = growthCommission(row?.first ?? null, now);
  return {
    provider_id: providerId,
    registered: c.registered,
    current_rate: rateString(c.bps),
    current_rate_bps: c.bps,
    current_tier: c.label,
    registration_date: c.registered ? c.registeredAt.toISOString() : null,
    month_number: c.registered ? c.monthNumber : null,
    next_tier_date: c.registered ? (c.nextTierAt?.toISOString() ?? null) : null,
    next_tier_rate: c.registered && c.nextTierBps !== null ? rateString(c.nextTierBps) : null,
  };
}

/** What {@link platformStats} answers. */
export type PlatformStats = Awaited<ReturnType<typeof platformStats>>;
/** One day of {@link dailyUsage}. */
export type DailyUsageEntry = Awaited<ReturnType<typeof dailyUsage>>['data'][number];
/** What {@link paymentsSummary} answers per method. */
export type PaymentMethodTotals = Awaited<ReturnType<typeof paymentsSummary>>['methods'];
/** One provider of {@link providerRanking}. */
export type RankedProvider = Awaited<ReturnType<typeof providerRanking>>['providers'][number];
/** One service of {@link servicesHealth}. */
export type ServiceHealth = Awaited<ReturnType<typeof servicesHealth>>['services'][number];
