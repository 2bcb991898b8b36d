import { percentOf, roundTo } from './ratios.js';

/**
 * The select list that aggregates `usage_records` rows (optionally under a table alias, for
 * `LEFT JOIN`s, where a service without calls still gives 0 calls). Counts are cast to `int`,
 * sums to `bigint` (Postgres sums a `BIGINT` as `NUMERIC`), the mean latency to `float8`.
 * A call succeeded when its status is below 400; it failed on the provider's side when its
 * status is 500 or more, or 0 (never answered), as reputation counts them.
 *
 * @example
 * ```ts
 * await db.one<UsageAggregateRow>(`SELECT ${usageAggregateSql()} FROM usage_records WHERE provider_id = $1`, [id]);
 * ```
 */
export function usageAggregateSql(alias = ''): string {
  const a = alias ? `${alias}.` : '';
  return `count(${a}id)::int AS calls,
    coalesce(sum(${a}amount_units), 0)::bigint AS revenue_units,
    coalesce(avg(${a}latency_ms), 0)::float8 AS avg_latency_ms,
    count(${a}id) FILTER (WHERE ${a}status_code < 400)::int AS successes,
    count(${a}id) FILTER (WHERE ${a}status_code >= 500 OR ${a}status_code = 0)::int AS failures,
    count(DISTINCT ${a}buyer_id)::int AS buyers,
    count(DISTINCT ${a}service_id)::int AS services,
    min(${a}created_at) AS first_at,
    max(${a}created_at) AS last_at`;
}

/** One row of {@link usageAggregateSql}. */
export interface UsageAggregateRow {
  calls: number;
  revenue_units: bigint;
  avg_latency_ms: number;
  successes: number;
  failures: number;
  buyers: number;
  services: number;
  first_at: Date | null;
  last_at: Date | null;
}

/** The aggregate of no calls. */
export const NO_USAGE: UsageAggregateRow = {
  calls: 0,
  revenue_units: 0n,
  avg_latency_ms: 0,
  successes: 0,
  failures: 0,
  buyers: 0,
  services: 0,
  first_at: null,
  last_at: null,
};

/** The figures every report derives from an aggregate, rounded as the reference shows them. */
export interface UsageFigures {
  calls: number;
  revenueUnits: bigint;
  /** Mean latency, one decimal; 0 without calls. */
  avgLatencyMs: number;
  /** Percentage of calls below status 400, one decimal; 0 without calls. */
  successRate: number;
  /** Percentage of calls that failed on the provider's side, one decimal; 0 without calls. */
  errorRate: number;
  buyers: number;
  services: number;
}

/**
 * Shapes an aggregate row into the figures reports show.
 *
 * @example
 * ```ts
 * usageFigures({ ...NO_USAGE, calls: 4, successes: 3, failures: 1, avg_latency_ms: 120.46 });
 * // { calls: 4, successRate: 75, errorRate: 25, avgLatencyMs: 120.5, … }
 * ```
 */
export function usageFigures(row: UsageAggregateRow | undefined): UsageFigures {
  const r = row ?? NO_USAGE;
  return {
    calls: r.calls,
    revenueUnits: r.revenue_units,
    avgLatencyMs: r.calls > 0 ? roundTo(r.avg_latency_ms, 1) : 0,
    successRate: percentOf(r.successes, r.calls),
    errorRate: percentOf(r.failures, r.calls),
    buyers: r.buyers,
    services: r.services,
  };
}
