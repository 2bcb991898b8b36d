import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { DISCOVER_SORTS, discoverSql } from '../catalog/discover-filter.js';
import { priceSchema } from '../catalog/price-per-call.js';
import { type RecommendCandidate, recommendServices } from '../catalog/recommend-services.js';
import {
  PAYMENT_METHODS,
  SERVICE_COLUMNS,
  type ServiceRow,
  ServiceSchema,
  toServiceView,
} from '../catalog/service-view.js';
import { queryBool, queryInt } from '../http/query-params.js';
import type { RouteRegistry } from '../http/route-registry.js';

const DAY_MS = 86_400_000;
/** How far back usage counts as recent for popularity in recommendations. */
const POPULARITY_DAYS = 30;
/** At most this many candidates are ranked per recommendation request. */
const MAX_CANDIDATES = 500;

const DiscoverQuery = z.object({
  q: z.string().max(200).optional().describe('Full-text search over name, tags and description'),
  category: z.string().max(100).optional(),
  tags: z
    .string()
    .max(1000)
    .optional()
    .transform((v) =>
      v
        ?.split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .describe('Comma-separated tags; a service must have all of them'),
  min_price: priceSchema().optional().describe('Minimum price per call, like "0.01"'),
  max_price: priceSchema().optional().describe('Maximum price per call, like "1.00"'),
  payment_method: z.enum(PAYMENT_METHODS).optional(),
  has_free_tier: queryBool().optional(),
  sort_by: z.enum(DISCOVER_SORTS).default('created_at'),
  limit: queryInt(50, 1, 100),
  offset: queryInt(0, 0),
});

const DiscoverResponse = z.object({
  services: z.array(ServiceSchema),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});

const CategoriesResponse = z.object({
  categories: z.array(z.object({ category: z.string(), count: z.number().int() })),
});

const TrendingResponse = z.object({
  trending: z.array(
    z.object({ service: ServiceSchema, call_count: z.number().int(), avg_latency_ms: z.number() }),
  ),
  count: z.number().int(),
});

const RecommendationsResponse = z.object({
  recommendations: z.array(ServiceSchema),
  count: z.number().int(),
});

type TrendingRow = ServiceRow & { call_count: number; avg_latency_ms: number };
type CandidateRow = ServiceRow & { recent_calls: number };

/**
 * Discovery: `GET /api/v1/discover` (full-text search, filters, sorting, paging),
 * `/discover/categories`, `/discover/trending` and `/discover/recommendations/{agent_id}`.
 * All public, all over active services only.
 *
 * @example
 * ```ts
 * registerDiscoveryRoutes(registry, deps);
 * ```
 */
export function registerDiscoveryRoutes(registry: RouteRegistry, deps: AppDeps): void {
  registry.add({
    method: 'GET',
    path: '/api/v1/discover',
    summary: 'Search services with full-text search, filters and sorting',
    tag: 'Discovery',
    auth: 'none',
    query: DiscoverQuery,
    response: DiscoverResponse,
    handler: async ({ c, query }) => {
      const { where, orderBy, params } = discoverSql({
        q: query.q,
        category: query.category,
        tags: query.tags,
        minPriceUnits: query.min_price?.units,
        maxPriceUnits: query.max_price?.units,
        paymentMethod: query.payment_method,
        hasFreeTier: query.has_free_tier,
        sortBy: query.sort_by,
      });
      const n = params.length;
      const [rows, total] = await Promise.all([
        deps.db.many<ServiceRow>(
          `SELECT ${SERVICE_COLUMNS} FROM services WHERE ${where} ORDER BY ${orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
          [...params, query.limit, query.offset],
        ),
        deps.db.one<{ total: number }>(`SELECT count(*)::int AS total FROM services WHERE ${where}`, params),
      ]);
      return c.json({
        services: rows.map(toServiceView),
        total: total?.total ?? 0,
        offset: query.offset,
        limit: query.limit,
      });
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/discover/categories',
    summary: 'Categories of active services with their counts',
    tag: 'Discovery',
    auth: 'none',
    response: CategoriesResponse,
    handler: async ({ c }) => {
      const categories = await deps.db.many<{ category: string; count: number }>(
        `SELECT category, count(*)::int AS count FROM services
         WHERE status = 'active' AND category <> ''
         GROUP BY category ORDER BY count DESC, category`,
      );
      return c.json({ categories });
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/discover/trending',
    summary: 'Active services with the most calls in the recent window',
    tag: 'Discovery',
    auth: 'none',
    query: z.object({
      limit: queryInt(10, 1, 100),
      days: queryInt(7, 1, 90).describe('The window of usage counted, in days'),
    }),
    response: TrendingResponse,
    handler: async ({ c, query }) => {
      const since = new Date(deps.now() - query.days * DAY_MS);
      const rows = await deps.db.many<TrendingRow>(
        `SELECT ${prefixed('s')}, u.call_count, u.avg_latency_ms
         FROM (SELECT service_id, count(*)::int AS call_count, avg(latency_ms)::float8 AS avg_latency_ms
               FROM usage_records WHERE created_at >= $1 GROUP BY service_id) u
         JOIN services s ON s.id = u.service_id
         WHERE s.status = 'active'
         ORDER BY u.call_count DESC, u.avg_latency_ms ASC, s.id
         LIMIT $2`,
        [since, query.limit],
      );
      const trending = rows.map((r) => ({
        service: toServiceView(r),
        call_count: r.call_count,
        avg_latency_ms: Math.round(r.avg_latency_ms * 10) / 10,
      }));
      return c.json({ trending, count: trending.length });
    },
  });

  registry.add({
    method: 'GET',
    path: '/api/v1/discover/recommendations/:agent_id',
    summary: 'Services for an agent, from the categories it uses most and its capabilities',
    tag: 'Discovery',
    auth: 'none',
    params: z.object({ agent_id: z.string().min(1).max(200) }),
    query: z.object({ limit: queryInt(5, 1, 50) }),
    response: RecommendationsResponse,
    handler: async ({ c, params, query }) => {
      // Usage rows name the calling agent (agent_id) or the buying owner (buyer_id); both count.
      const used = await deps.db.many<{ service_id: string; category: string; calls: number }>(
        `SELECT u.service_id, s.category, count(*)::int AS calls
         FROM usage_records u JOIN services s ON s.id = u.service_id
         WHERE u.agent_id = $1 OR u.buyer_id = $1
         GROUP BY u.service_id, s.category`,
        [params.agent_id],
      );
      const agent = await deps.db.one<{ capabilities: string[] }>(
        'SELECT capabilities FROM agents WHERE agent_id = $1',
        [params.agent_id],
      );
      const categoryCalls = new Map<string, number>();
      for (const u of used) categoryCalls.set(u.category, (categoryCalls.get(u.category) ?? 0) + u.calls);
      const capabilities = agent?.capabilities ?? [];
      const usedIds = used.map((u) => u.service_id);
      const rows = await deps.db.many<CandidateRow>(
        `SELECT ${prefixed('s')}, coalesce(p.calls, 0)::int AS recent_calls
         FROM services s
         LEFT JOIN (SELECT service_id, count(*) AS calls FROM usage_records
                    WHERE created_at >= $1 GROUP BY service_id) p ON p.service_id = s.id
         WHERE s.status = 'active' AND NOT (s.id = ANY($2::text[]))
         ORDER BY (s.category = ANY($3::text[]) OR lower(s.category) = ANY($4::text[])
                   OR s.tags && $5::text[]) DESC,
                  recent_calls DESC, s.created_at DESC, s.id
         LIMIT $6`,
        [
          new Date(deps.now() - POPULARITY_DAYS * DAY_MS),
          usedIds,
          [...categoryCalls.keys()],
          capabilities.map((x) => x.toLowerCase()),
          capabilities,
          MAX_CANDIDATES,
        ],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const ranked = recommendServices(
        { categoryCalls, usedServiceIds: new Set(usedIds), capabilities },
        rows.map(
          (r): RecommendCandidate => ({
            id: r.id,
            category: r.category,
            tags: r.tags,
            recentCalls: r.recent_calls,
            createdAt: r.created_at.getTime(),
          }),
        ),
        query.limit,
      );
      const recommendations = ranked.map((r) => toServiceView(byId.get(r.id)!));
      return c.json({ recommendations, count: recommendations.length });
    },
  });
}

function prefixed(alias: string): string {
  return SERVICE_COLUMNS.split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ');
}
