import { z } from 'zod';
import {
  buyerMetrics,
  dailyUsage,
  paymentsSummary,
  platformStats,
  providerCommission,
  providerRanking,
  servicesHealth,
  TOP_SERVICES_SORTS,
  topServices,
  usageTrend,
} from '../analytics/admin-reports.js';
import { GRANULARITIES } from '../analytics/periods.js';
import type { AppDeps } from '../app-deps.js';
import { queryInt } from '../http/query-params.js';
import type { RouteRegistry } from '../http/route-registry.js';

const TAG = 'Admin';
const usd = () => z.number().describe('USD amount as the reference shows it (750.5); exact to the base unit');
const rate = () => z.number().describe('Percentage, one decimal');
const isoTime = () => z.string().describe('ISO 8601 time, UTC');

const StatsResponse = z.object({
  total_services: z.number().int(),
  total_agents: z.number().int(),
  total_teams: z.number().int(),
  total_usage_records: z.number().int(),
  total_revenue_usd: usd(),
  total_settlements: z.number().int(),
  active_webhooks: z.number().int(),
});

const DailyResponse = z.object({
  days: z.number().int(),
  data: z.array(
    z.object({
      date: z.string(),
      call_count: z.number().int(),
      revenue_usd: usd(),
      unique_buyers: z.number().int(),
      unique_services: z.number().int(),
    }),
  ),
});

const RankingResponse = z.object({
  period: z.string(),
  providers: z.array(
    z.object({
      provider_id: z.string(),
      display_name: z.string(),
      total_calls: z.number().int(),
      total_revenue: usd(),
      avg_latency_ms: z.number(),
      success_rate: rate(),
    }),
  ),
});

const HealthResponse = z.object({
  services: z.array(
    z.object({
      service_id: z.string(),
      name: z.string(),
      provider_id: z.string(),
      status: z.string(),
      total_calls: z.number().int(),
      avg_latency_ms: z.number(),
      error_rate: rate(),
      last_called: isoTime().nullable(),
    }),
  ),
});

const PaymentsResponse = z.object({
  methods: z.record(z.string(), z.object({ count: z.number().int(), total_usd: usd() })),
});

const TrendsResponse = z.object({
  granularity: z.enum(GRANULARITIES),
  data: z.array(
    z.object({
      period: z.string(),
      calls: z.number().int(),
      revenue: usd(),
      unique_buyers: z.number().int(),
      active_services: z.number().int(),
      avg_latency_ms: z.number(),
      success_rate: rate(),
    }),
  ),
});

const TopServicesResponse = z.object({
  sort_by: z.enum(TOP_SERVICES_SORTS),
  days: z.number().int(),
  services: z.array(
    z.object({
      service_id: z.string(),
      service_name: z.string(),
      provider_id: z.string(),
      category: z.string(),
      total_calls: z.number().int(),
      total_revenue: usd(),
      avg_latency_ms: z.number(),
      unique_buyers: z.number().int(),
      success_rate: rate(),
    }),
  ),
});

const BuyersResponse = z.object({
  days: z.number().int(),
  total_buyers_all_time: z.number().int(),
  active_buyers: z.number().int(),
  new_buyers: z.number().int(),
  repeat_buyers: z.number().int(),
  repeat_rate: rate(),
  avg_calls_per_buyer: z.number(),
  top_spenders: z.array(
    z.object({
      buyer_id: z.string(),
      calls: z.number().int(),
      total_spent: usd(),
      services_used: z.number().int(),
    }),
  ),
});

const CommissionResponse = z.object({
  provider_id: z.string(),
  registered: z.boolean(),
  current_rate: z.string(),
  current_rate_bps: z.number().int(),
  current_tier: z.string(),
  registration_date: isoTime().nullable(),
  month_number: z.number().int().nullable(),
  next_tier_date: isoTime().nullable(),
  next_tier_rate: z.string().nullable(),
});

/** `"all-time"` or a whole number of days (1–3650). */
const Period = z
  .union([z.literal('all-time'), z.string().regex(/^\d{1,4}$/, 'must be "all-time" or a number of days')])
  .default('all-time')
  .transform((p, ctx) => {
    if (p === 'all-time') return null;
    const days = Number(p);
    if (days < 1 || days > 3650) {
      ctx.addIssue({ code: 'custom', message: 'must be between 1 and 3650 days' });
      return z.NEVER;
    }
    return days;
  })
  .describe('"all-time" or a number of days, like "30"');

/**
 * The admin analytics: `GET /api/v1/admin/stats`, `…/usage/daily`, `…/providers/ranking`,
 * `…/services/health`, `…/payments/summary`, `…/analytics/trends`, `…/analytics/top-services`,
 * `…/analytics/buyers` and `…/providers/{provider_id}/commission`. Admin keys only. Amounts
 * are exact decimal strings; days are UTC.
 *
 * @example
 * ```ts
 * registerAdminRoutes(registry, deps);
 * ```
 */
export function registerAdminRoutes(registry: RouteRegistry, deps: AppDeps): void {
  const now = () => new Date(deps.now());

  registry.add({
    method: 'GET',
    path: '/api/v1/admin/stats',
    summary: 'Platform overview statistics',
    tag: TAG,
    auth: 'admin',
    response: StatsResponse,
    handler: async ({ c }) => c.json(await platformStats(deps.db)),
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/admin/usage/daily',
    summary: 'Daily usage of the last days (UTC), oldest first',
    tag: TAG,
    auth: 'admin',
    query: z.object({ days: queryInt(30, 1, 90).describe('Days to look back (1–90)') }),
    response: DailyResponse,
    handler: async ({ c, query }) => c.json(await dailyUsage(deps.db, now(), query.days)),
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/admin/providers/ranking',
    summary: 'Providers ranked by revenue, then calls',
    tag: TAG,
    auth: 'admin',
    query: z.object({ limit: queryInt(20, 1, 100).describe('Max results (1–100)'), period: Period }),
    response: RankingResponse,
    handler: async ({ c, query }) =>
      c.json(await providerRanking(deps.db, now(), { limit: query.limit, days: query.period })),
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/admin/services/health',
    summary: 'Health of every active service: latency, error rate, last call',
    tag: TAG,
    auth: 'admin',
    response: HealthResponse,
    handler: async ({ c }) => c.json(await servicesHealth(deps.db)),
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/admin/payments/summary',
    summary: 'Calls and amounts per payment method',
    tag: TAG,
    auth: 'admin',
    response: PaymentsResponse,
    handler: async ({ c }) => c.json(await paymentsSummary(deps.db)),
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/admin/analytics/trends',
    summary: 'Revenue and call trends per day, ISO week or month',
    tag: TAG,
    auth: 'admin',
    query: z.object({
      granularity: z.enum(GRANULARITIES).default('weekly').describe('daily, weekly or monthly'),
      periods: queryInt(12, 1, 52).describe('Periods to return (1–52)'),
    }),
    response: TrendsResponse,
    handler: async ({ c, query }) =>
      c.json(await usageTrend(deps.db, now(), query.granularity, query.periods)),
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/admin/analytics/top-services',
    summary: 'Top services by revenue, calls or latency (lowest first)',
    tag: TAG,
    auth: 'admin',
    query: z.object({
      limit: queryInt(10, 1, 50).describe('Max results (1–50)'),
      sort_by: z.enum(TOP_SERVICES_SORTS).default('revenue').describe('revenue, calls or latency'),
      days: queryInt(30, 1, 365).describe('Days to look back (1–365)'),
    }),
    response: TopServicesResponse,
    handler: async ({ c, query }) =>
      c.json(
        await topServices(deps.db, now(), { limit: query.limit, sortBy: query.sort_by, days: query.days }),
      ),
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/admin/analytics/buyers',
    summary: 'Buyer metrics: all-time, active, new, repeat, top spenders',
    tag: TAG,
    auth: 'admin',
    query: z.object({ days: queryInt(30, 1, 365).describe('Days to look back (1–365)') }),
    response: BuyersResponse,
    handler: async ({ c, query }) => c.json(await buyerMetrics(deps.db, now(), query.days)),
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/admin/providers/:provider_id/commission',
    summary: "A provider's Growth Program commission tier",
    tag: TAG,
    auth: 'admin',
    params: z.object({ provider_id: z.string().min(1).max(200) }),
    response: CommissionResponse,
    handler: async ({ c, params }) => c.json(await providerCommission(deps.db, params.provider_id, now())),
  });
}
